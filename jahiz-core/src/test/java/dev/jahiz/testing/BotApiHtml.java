package dev.jahiz.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An independent check of the Bot API's HTML rules (core.telegram.org/bots/api#html-style): only
 * its tags, properly nested, only the four named entities or numeric ones, no bare {@code <}
 * {@code >} {@code &}, well-formed UTF-16, and at most 4096 characters after entity parsing.
 */
public final class BotApiHtml {
  private static final Set<String> TAGS = Set.of("b", "strong", "i", "em", "u", "ins", "s", "strike", "del",
      "code", "pre", "a", "tg-spoiler", "span", "blockquote", "tg-emoji");
  private static final Pattern TAG = Pattern.compile("<(/?)([a-z-]+)((?:\\s+[a-z-]+=\"[^\"<>]*\")*)\\s*>");
  private static final Pattern ENTITY = Pattern.compile("&(lt|gt|amp|quot|#\\d{1,7}|#x[0-9a-fA-F]{1,6});");

  private BotApiHtml() {}

  /** Every rule the text breaks; empty when Telegram would accept it. */
  public static List<String> problems(String html) {
    List<String> problems = new ArrayList<>();
    Deque<String> open = new ArrayDeque<>();
    StringBuilder visible = new StringBuilder();
    int i = 0;
    while (i < html.length()) {
      char c = html.charAt(i);
      if (c == '<') {
        Matcher m = TAG.matcher(html).region(i, html.length());
        if (!m.lookingAt()) {
          problems.add("bare '<' at " + i);
          i++;
          continue;
        }
        String name = m.group(2);
        if (!TAGS.contains(name)) {
          problems.add("unsupported tag <" + name + "> at " + i);
        }
        if (m.group(1).isEmpty()) {
          String attrs = m.group(3).trim();
          if (!attrs.isEmpty() && !(name.equals("code") && "pre".equals(open.peek()) && attrs.matches("class=\"language-[\\w+-]+\""))
              && !(name.equals("a") && attrs.startsWith("href="))) {
            problems.add("attribute not allowed on <" + name + ">: " + attrs);
          }
          if (("pre".equals(open.peek()) && !name.equals("code")) || "code".equals(open.peek())) {
            problems.add("<" + name + "> inside <" + open.peek() + "> at " + i);
          }
          open.push(name);
        } else if (!name.equals(open.peek())) {
          problems.add("</" + name + "> closes <" + open.peek() + "> at " + i);
        } else {
          open.pop();
        }
        i = m.end();
      } else if (c == '>') {
        problems.add("bare '>' at " + i);
        i++;
      } else if (c == '&') {
        Matcher m = ENTITY.matcher(html).region(i, html.length());
        if (!m.lookingAt()) {
          problems.add("bare '&' at " + i);
          i++;
          continue;
        }
        visible.append(decode(m.group(1)));
        i = m.end();
      } else {
        if (Character.isHighSurrogate(c) && (i + 1 >= html.length() || !Character.isLowSurrogate(html.charAt(i + 1)))
            || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(html.charAt(i - 1)))) {
          problems.add("lone surrogate at " + i);
        }
        visible.append(c);
        i++;
      }
    }
    if (!open.isEmpty()) {
      problems.add("unclosed tags " + open);
    }
    if (visible.toString().isBlank()) {
      problems.add("empty text");
    }
    if (visible.length() > 4096) {
      problems.add("visible length " + visible.length() + " > 4096");
    }
    return problems;
  }

  /** The text as Telegram shows it: tags removed, entities decoded. */
  public static String visible(String html) {
    String noTags = TAG.matcher(html).replaceAll("");
    Matcher m = ENTITY.matcher(noTags);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(decode(m.group(1))));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String decode(String entity) {
    switch (entity) {
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "amp":
        return "&";
      case "quot":
        return "\"";
      default:
        int cp = entity.startsWith("#x") ? Integer.parseInt(entity.substring(2), 16) : Integer.parseInt(entity.substring(1));
        return new String(Character.toChars(cp));
    }
  }
}
