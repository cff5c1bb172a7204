package io.civicline.signaling.twilio;

import com.twilio.security.RequestValidator;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses, with 403 and before anything else happens, every webhook whose {@code
 * X-Twilio-Signature} is not Twilio's signature of the URL Twilio used (the configured public base
 * URL plus path and query) and its form parameters.
 */
final class TwilioSignatureCheck implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(TwilioSignatureCheck.class);
  static final String PARAMS = "civicline.twilio.params";

  private final RequestValidator validator;
  private final String publicBase;

  TwilioSignatureCheck(TwilioSettings settings) {
    this.validator = new RequestValidator(settings.authToken().reveal());
    this.publicBase = settings.publicBaseUrl();
  }

  @Override
  public void handle(RoutingContext ctx) {
    Map<String, String> params = new HashMap<>();
    ctx.request().formAttributes().forEach(entry -> params.put(entry.getKey(), entry.getValue()));
    String signature = ctx.request().getHeader("X-Twilio-Signature");
    String url = publicBase + ctx.request().uri();
    if (signature == null || !validator.validate(url, params, signature)) {
      LOG.atWarn()
          .addKeyValue("path", ctx.request().path())
          .log("refused a webhook without a valid Twilio signature");
      ctx.response()
          .setStatusCode(403)
          .putHeader("Content-Type", "text/plain")
          .end("invalid signature");
      return;
    }
    ctx.put(PARAMS, params);
    ctx.next();
  }

  static Map<String, String> params(RoutingContext ctx) {
    return ctx.get(PARAMS);
  }
}
