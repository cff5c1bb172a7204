package io.civicline.mobileapi.http;

import io.civicline.core.http.Problem;
import io.civicline.core.validation.FieldErrors;
import io.civicline.core.validation.ObjectReader;
import io.civicline.mobileapi.auth.StaffPrincipal;
import io.civicline.mobileapi.push.Device;
import io.civicline.mobileapi.push.DeviceRegistry;
import io.civicline.mobileapi.push.Platform;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/**
 * The signed-in staff member's push devices: {@code POST /api/v1/staff/devices} registers one
 * (again: same token, same device), {@code GET} lists them, {@code DELETE .../{deviceId}} removes
 * one (at sign-out, or a lost phone). Tokens are never shown back in full.
 */
public final class DeviceRoutes {
  public static final String DEVICES = StaffAuthRoutes.BASE + "/devices";
  public static final String DEVICE = DEVICES + "/:deviceId";
  static final int MAX_TOKEN = 4096;
  static final int MAX_APP_VERSION = 40;
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_:.\\-]+");
  private static final Pattern APNS_TOKEN = Pattern.compile("([0-9a-fA-F]{2}){32,100}");
  private static final Pattern APP_VERSION = Pattern.compile("[\\x21-\\x7e][\\x20-\\x7e]*");

  private final DeviceRegistry devices;
  private final BearerStaffAuth auth;

  public DeviceRoutes(DeviceRegistry devices, BearerStaffAuth auth) {
    this.devices = devices;
    this.auth = auth;
  }

  public void mount(Router router) {
    router.post(DEVICES).handler(auth).handler(Endpoint.json(201, this::register));
    router.get(DEVICES).handler(auth).handler(Endpoint.json(this::list));
    router.delete(DEVICE).handler(auth).handler(Endpoint.noContent(this::remove));
  }

  private Future<JsonObject> register(RoutingContext ctx) {
    StaffPrincipal me = BearerStaffAuth.principal(ctx);
    Registration registration = Registration.read(JsonBodies.object(ctx));
    return devices
        .register(
            me.tenant(),
            me.staffId(),
            registration.platform(),
            registration.token(),
            registration.appVersion())
        .map(Device::toPublicJson);
  }

  private Future<JsonObject> list(RoutingContext ctx) {
    StaffPrincipal me = BearerStaffAuth.principal(ctx);
    return devices
        .list(me.tenant(), me.staffId())
        .map(
            list ->
                new JsonObject()
                    .put("items", new JsonArray(list.stream().map(Device::toPublicJson).toList())));
  }

  private Future<Void> remove(RoutingContext ctx) {
    StaffPrincipal me = BearerStaffAuth.principal(ctx);
    return devices
        .remove(me.tenant(), me.staffId(), ctx.pathParam("deviceId"))
        .map(
            removed -> {
              if (!removed) {
                throw Problem.notFound("you have no such device");
              }
              return null;
            });
  }

  /** A registration request, checked field by field. */
  record Registration(Platform platform, String token, String appVersion) {
    static Registration read(JsonObject body) {
      FieldErrors errors = new FieldErrors();
      ObjectReader in = ObjectReader.root(body, errors);
      Platform platform =
          Platform.fromWire(
                  in.string(
                      "platform",
                      true,
                      10,
                      text -> Platform.fromWire(text).isPresent() ? null : "must be fcm or apns"))
              .orElse(null);
      String token = in.string("token", true, MAX_TOKEN, text -> tokenProblem(platform, text));
      String appVersion =
          in.string(
              "appVersion",
              true,
              MAX_APP_VERSION,
              text -> APP_VERSION.matcher(text).matches() ? null : "must be printable ASCII");
      in.rejectUnknownFields();
      errors.throwIfAny();
      return new Registration(platform, token, appVersion);
    }

    private static String tokenProblem(Platform platform, String token) {
      if (platform == Platform.APNS && !APNS_TOKEN.matcher(token).matches()) {
        return "must be an APNs device token (hexadecimal, 64 digits or more)";
      }
      return TOKEN.matcher(token).matches() ? null : "has characters no push token has";
    }
  }
}
