package io.civicline.ops.staff;

import io.civicline.core.store.Page;
import io.civicline.mobileapi.calls.CallHistory;
import io.civicline.signaling.store.CallRecord;
import io.civicline.signaling.store.CallRecords;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.function.Predicate;

/** The staff call history over the call records both voice channels write. */
public final class RecordedCallHistory implements CallHistory {
  private final CallRecords records;

  public RecordedCallHistory(CallRecords records) {
    this.records = records;
  }

  @Override
  public Future<Page<JsonObject>> rang(
      String tenant, String staffId, boolean missedOnly, String cursor, int limit) {
    return records
        .listForStaff(tenant, staffId, cursor, limit, filter(missedOnly))
        .map(RecordedCallHistory::flagged);
  }

  @Override
  public Future<Page<JsonObject>> reached(
      String tenant, Set<String> departments, boolean missedOnly, String cursor, int limit) {
    return records
        .listForDepartments(tenant, departments, cursor, limit, filter(missedOnly))
        .map(RecordedCallHistory::flagged);
  }

  private static Predicate<JsonObject> filter(boolean missedOnly) {
    return missedOnly ? CallRecord::missed : record -> true;
  }

  private static Page<JsonObject> flagged(Page<JsonObject> page) {
    return new Page<>(
        page.items().stream().map(r -> r.put("missed", CallRecord.missed(r))).toList(),
        page.next());
  }
}
