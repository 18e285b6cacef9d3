// The request-making part of the seed project's browser SDK (TypeScript; here as the plain JavaScript
// it compiles to), so the test page sends what a seed app sends: it captures window.onerror and
// unhandled promise rejections, builds the seed payload from the Error, and POSTs it with fetch to
// {url}/webhook/error with Content-Type: application/json and X-Webhook-Secret. `onResult` is the
// test's window on the outcome, which the SDK itself only logs.
(function (global) {
  'use strict';

  var CHROME_FRAME = /^\s*at (?:(.+?) \()?(.+?):(\d+):(\d+)\)?\s*$/;
  var FIREFOX_FRAME = /^(.*?)@(.+?):(\d+):(\d+)$/;

  function parseFirstFrame(stack) {
    var lines = (stack || '').split('\n');
    for (var i = 0; i < lines.length; i++) {
      var m = CHROME_FRAME.exec(lines[i]) || FIREFOX_FRAME.exec(lines[i]);
      if (m) {
        return { function_name: m[1] || '<anonymous>', file_name: m[2], line_number: parseInt(m[3], 10) };
      }
    }
    return {};
  }

  function shortHash(text) {
    var h = 0;
    for (var i = 0; i < text.length; i++) {
      h = (h * 31 + text.charCodeAt(i)) | 0;
    }
    return (h >>> 0).toString(16);
  }

  function JahizClient(options) {
    this.url = options.webhookUrl.replace(/\/+$/, '');
    this.secret = options.webhookSecret;
    this.appName = options.appName;
    this.appVersion = options.appVersion;
    this.environment = options.environment;
    this.onResult = options.onResult || function () {};
  }

  JahizClient.prototype.buildPayload = function (error, metadata) {
    var frame = parseFirstFrame(error.stack);
    return {
      error_message: error.message || String(error),
      severity: 'error',
      error_type: error.name || 'Error',
      stacktrace: error.stack,
      file_name: frame.file_name,
      line_number: frame.line_number,
      function_name: frame.function_name,
      app_name: this.appName,
      app_version: this.appVersion,
      environment: this.environment,
      context: { request_url: global.location.href },
      device: {
        os: global.navigator.platform,
        osVersion: global.navigator.userAgent,
        architecture: global.navigator.platform
      },
      metadata: metadata || {},
      fingerprint: shortHash(error.name + ':' + error.message + ':' + frame.file_name + ':' + frame.line_number),
      timestamp: new Date().toISOString()
    };
  };

  JahizClient.prototype.captureException = function (error, metadata) {
    var self = this;
    var payload = this.buildPayload(error, metadata);
    return fetch(this.url + '/webhook/error', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Webhook-Secret': this.secret },
      body: JSON.stringify(payload)
    }).then(function (response) {
      return response.text().then(function (body) {
        self.onResult({ source: metadata && metadata.source, status: response.status, body: body });
      });
    }, function (failure) {
      console.error('[Jahiz] failed to report error', failure);
      self.onResult({ source: metadata && metadata.source, error: String(failure) });
    });
  };

  JahizClient.prototype.install = function () {
    var self = this;
    global.onerror = function (message, filename, lineno, colno, error) {
      self.captureException(error || new Error(String(message)),
          { source: 'window.onerror', filename: filename, lineno: lineno, colno: colno });
      return false;
    };
    global.addEventListener('unhandledrejection', function (event) {
      var reason = event.reason instanceof Error ? event.reason : new Error(String(event.reason));
      self.captureException(reason, { source: 'unhandledrejection' });
    });
    return this;
  };

  global.JahizClient = JahizClient;
})(window);
