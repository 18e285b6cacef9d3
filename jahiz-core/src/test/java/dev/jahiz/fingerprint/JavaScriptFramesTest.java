package dev.jahiz.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jahiz.report.ErrorReport;
import org.junit.jupiter.api.Test;

/**
 * JavaScript traces as browsers print them, grouped without source maps: the same bug in the same
 * release is one group whatever the host, query string or browser tab; a bug in readable (method)
 * code stays one group across releases; distinct bugs in one minified function stay apart.
 */
class JavaScriptFramesTest {
  private final Fingerprints fingerprints = Fingerprints.byDefault();

  /** A minified production bundle: everything on line 1, mangled names. */
  static String chromeMinified(String origin, String appHash, int column) {
    return String.join("\n",
        "TypeError: Cannot read properties of undefined (reading 'id')",
        "    at Jt (" + origin + "/static/js/vendor.8e41bd07.js:2:88412)",
        "    at t (" + origin + "/static/js/app." + appHash + ".js:1:" + column + ")",
        "    at Array.map (<anonymous>)",
        "    at new Promise (<anonymous>)",
        "    at HTMLButtonElement.<anonymous> (" + origin + "/static/js/app." + appHash + ".js:1:" + (column + 1909) + ")",
        "    at chrome-extension://abcdefghijklmnop/inject.js:4:11");
  }

  static String chromeReadable(String appHash, int line) {
    return String.join("\n",
        "TypeError: Cannot read properties of undefined (reading 'id')",
        "    at Object.submitOrder (https://shop.example.com/static/js/app." + appHash + ".js:" + line + ":18)",
        "    at HTMLButtonElement.onClick (https://shop.example.com/static/js/app." + appHash + ".js:" + (line + 40) + ":7)",
        "    at async checkout (https://shop.example.com/static/js/app." + appHash + ".js:" + (line + 90) + ":5)");
  }

  static ErrorReport report(String trace) {
    return ErrorReport.builder().errorType("TypeError")
        .errorMessage("Cannot read properties of undefined (reading 'id')").stacktrace(trace).build();
  }

  @Test
  void chromeAndFirefoxFramesAreRead() {
    JavaScriptFrames.Frame chrome =
        JavaScriptFrames.parse("    at async HTMLButtonElement.onClick (https://shop.example.com/static/js/app.3f9a1c.js?v=2:1:50122)");
    JavaScriptFrames.Frame anonymous = JavaScriptFrames.parse("    at https://shop.example.com/static/js/app.3f9a1c.js:1:9");
    JavaScriptFrames.Frame firefox =
        JavaScriptFrames.parse("async*submitOrder/<@https://shop.example.com/static/js/app.3f9a1c.js:1:48213");
    JavaScriptFrames.Frame firefoxAnonymous = JavaScriptFrames.parse("@https://shop.example.com/static/js/app.3f9a1c.js:1:7");

    assertThat(chrome.function()).isEqualTo("HTMLButtonElement.onClick");
    assertThat(chrome.position()).isEqualTo("/static/js/app.3f9a1c.js:1:50122");
    assertThat(chrome.stableName()).isEqualTo("/static/js/app.js:onClick");
    assertThat(anonymous.function()).isNull();
    assertThat(anonymous.stableName()).isEqualTo("/static/js/app.js:1:9");
    assertThat(firefox.function()).isEqualTo("submitOrder/<");
    assertThat(firefox.stableName()).isEqualTo("/static/js/app.js:submitOrder");
    assertThat(firefoxAnonymous.function()).isNull();
    assertThat(firefoxAnonymous.line()).isEqualTo(1);
    assertThat(JavaScriptFrames.parse("\tat com.acme.Shop.pay(Shop.java:12)")).isNull();
    assertThat(JavaScriptFrames.parse("TypeError: x is undefined")).isNull();
    assertThat(JavaScriptFrames.recognizes(FingerprintsTest.TRACE_V1)).isFalse();
  }

  @Test
  void contentHashesOfEveryCommonBundlerAreLeftOutOfTheName() {
    assertThat(JavaScriptFrames.parse("    at fetchOrder (https://a.example/static/js/main.3f9a1c2b.chunk.js:1:5)")
        .stableName()).isEqualTo("/static/js/main.chunk.js:fetchOrder");
    assertThat(JavaScriptFrames.parse("fetchOrder@https://a.example/assets/index-BdK3x9_z.js:1:5").stableName())
        .isEqualTo("/assets/index.js:fetchOrder");
    assertThat(JavaScriptFrames.parse("fetchOrder@https://a.example/_next/static/chunks/pages/cart-0a1b2c3d4e5f6a7b.js:1:5")
        .stableName()).isEqualTo("/_next/static/chunks/pages/cart.js:fetchOrder");
    assertThat(JavaScriptFrames.parse("fetchOrder@https://a.example/js/my-component.js:1:5").stableName())
        .isEqualTo("/js/my-component.js:fetchOrder");
  }

  @Test
  void theSameMinifiedBugInTheSameReleaseIsOneGroupWhateverTheHostOrQuery() {
    String fromOrigin = fingerprints.of(report(chromeMinified("https://shop.example.com", "3f9a1c", 48213)));
    String fromCdn = fingerprints.of(report(chromeMinified("https://cdn.example.net", "3f9a1c", 48213)
        .replace(".js:", ".js?v=1:")));

    assertThat(fromCdn).isEqualTo(fromOrigin);
  }

  @Test
  void distinctBugsInOneMinifiedFunctionAndTheNextReleaseGroupApart() {
    String bug = fingerprints.of(report(chromeMinified("https://shop.example.com", "3f9a1c", 48213)));
    String otherBugSameFunction = fingerprints.of(report(chromeMinified("https://shop.example.com", "3f9a1c", 48977)));
    String nextRelease = fingerprints.of(report(chromeMinified("https://shop.example.com", "77b0e2", 48590)));

    assertThat(otherBugSameFunction).isNotEqualTo(bug);
    assertThat(nextRelease).as("minified names and columns change with a release").isNotEqualTo(bug);
  }

  @Test
  void readableMethodNamesGroupTheSameBugAcrossReleasesAndShiftedLines() {
    assertThat(fingerprints.of(report(chromeReadable("77b0e2", 212))))
        .isEqualTo(fingerprints.of(report(chromeReadable("3f9a1c", 180))));
  }

  @Test
  void libraryEngineAndExtensionFramesDoNotDecide() {
    String trace = chromeMinified("https://shop.example.com", "3f9a1c", 48213);

    assertThat(StackFrames.byDefault().topFramesOfText(trace, 5))
        .containsExactly("/static/js/app.js:1:48213", "/static/js/app.js:1:50122");
    assertThat(JavaScriptFrames.whereThrown(trace).position()).isEqualTo("/static/js/app.3f9a1c.js:1:48213");
    String onlyLibraries = "Error: boom\n    at Jt (https://a.example/static/js/vendor.8e41bd07.js:2:1)\n"
        + "    at https://a.example/node_modules/react-dom/cjs/react-dom.development.js:3:4";
    assertThat(StackFrames.byDefault().topFramesOfText(onlyLibraries, 5)).hasSize(2);
  }
}
