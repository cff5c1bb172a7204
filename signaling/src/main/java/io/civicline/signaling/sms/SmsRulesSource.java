package io.civicline.signaling.sms;

import io.civicline.core.directory.PhoneNumber;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.validation.FieldErrors;
import io.civicline.routing.sms.SmsRules;
import io.civicline.routing.sms.SmsRulesReader;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * A town's texting rules, stored as the document {@code sms-rules/default} (admins write it through
 * the API, which validates it against the town), and the department of a texted number.
 */
public final class SmsRulesSource {
  private final DocumentStore store;

  public SmsRulesSource(DocumentStore store) {
    this.store = store;
  }

  /** The town's rules; empty when it has none yet. */
  public Future<Optional<SmsRules>> rules(String tenant) {
    return store
        .get(tenant, SmsRules.COLLECTION, SmsRules.ID)
        .map(
            doc ->
                doc.map(
                    stored -> {
                      // Checked against the town when written; only the shape is read again here.
                      FieldErrors errors = new FieldErrors();
                      SmsRules rules =
                          SmsRulesReader.read(
                              stored.body().copy(), SmsRules.Directory.NONE, errors);
                      if (rules == null) {
                        throw new IllegalStateException(
                            "stored sms-rules of "
                                + tenant
                                + " no longer validate: "
                                + errors.list());
                      }
                      return rules;
                    }));
  }

  /** The department a number of the town belongs to, if it names one. */
  public Future<Optional<String>> numberDepartment(String tenant, String numberId) {
    return store
        .get(tenant, PhoneNumber.COLLECTION, numberId)
        .map(doc -> doc.map(d -> d.body().getString("departmentId")));
  }
}
