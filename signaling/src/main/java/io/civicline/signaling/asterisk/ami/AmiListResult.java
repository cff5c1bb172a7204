package io.civicline.signaling.asterisk.ami;

import java.util.List;

/**
 * The answer to a list action ({@code DeviceStateList}, {@code PJSIPShowEndpoints}...): the
 * response ({@code EventList: start}), the item events carrying the action's ActionID in order, and
 * the closing {@code ...Complete} event ({@code EventList: Complete}, null if the response did not
 * announce a list).
 */
public record AmiListResult(AmiMessage response, List<AmiMessage> items, AmiMessage complete) {
  public AmiListResult {
    items = List.copyOf(items);
  }
}
