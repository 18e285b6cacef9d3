package dev.jahiz.delivery;

import java.util.ArrayList;
import java.util.List;

/**
 * How a report is presented beyond its own content: the message it answers, a note shown above it
 * (e.g. "Regression: resolved on …") and rows of buttons under it. Destinations without one of
 * these leave it out; a report is never refused for them.
 */
public final class MessageOptions {
  private static final MessageOptions NONE = builder().build();

  private final Long replyTo;
  private final String note;
  private final List<List<MessageButton>> buttons;

  private MessageOptions(Builder b) {
    this.replyTo = b.replyTo;
    this.note = b.note;
    List<List<MessageButton>> rows = new ArrayList<>();
    for (List<MessageButton> row : b.buttons) {
      if (!row.isEmpty()) {
        rows.add(List.copyOf(row));
      }
    }
    this.buttons = List.copyOf(rows);
  }

  public static MessageOptions none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The destination's id of the message this one answers ({@link DeliveryOutcome#messageId()}), or null. */
  public Long replyTo() {
    return replyTo;
  }

  /** A line shown before the report, or null. */
  public String note() {
    return note;
  }

  /** Rows of buttons, top to bottom; empty when there are none. */
  public List<List<MessageButton>> buttons() {
    return buttons;
  }

  public Builder toBuilder() {
    Builder b = builder().replyTo(replyTo).note(note);
    buttons.forEach(b::row);
    return b;
  }

  @Override
  public String toString() {
    return "MessageOptions(replyTo=" + replyTo + ", note=" + note + ", buttons=" + buttons + ")";
  }

  public static final class Builder {
    private Long replyTo;
    private String note;
    private final List<List<MessageButton>> buttons = new ArrayList<>();

    private Builder() {}

    public Builder replyTo(Long messageId) {
      this.replyTo = messageId;
      return this;
    }

    public Builder note(String note) {
      this.note = note == null || note.isBlank() ? null : note;
      return this;
    }

    /** Adds a row of buttons below the ones already added; an empty row is left out. */
    public Builder row(List<MessageButton> row) {
      buttons.add(List.copyOf(row));
      return this;
    }

    public Builder withoutButtons() {
      buttons.clear();
      return this;
    }

    public MessageOptions build() {
      return new MessageOptions(this);
    }
  }
}
