package io.civicline.signaling.asterisk.ami;

/**
 * A channel entered a bridge ({@code Event: BridgeEnter}): two parties of a call are connected once
 * the bridge holds both ({@code bridgeChannels} counts them after this one entered).
 */
public record BridgeEnterEvent(
    String server,
    String bridgeUniqueId,
    String bridgeType,
    int bridgeChannels,
    String channel,
    String uniqueId,
    String linkedId,
    String accountCode) {

  static BridgeEnterEvent from(String server, AmiMessage event) {
    return new BridgeEnterEvent(
        server,
        event.get("BridgeUniqueid"),
        event.get("BridgeType"),
        AmiNumbers.parseInt(event.get("BridgeNumChannels"), -1),
        event.get("Channel"),
        event.get("Uniqueid"),
        event.get("Linkedid"),
        HangupEvent.nullToEmpty(event.get("AccountCode")));
  }
}
