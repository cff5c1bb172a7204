package io.civicline.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a private {@link RedisServer} for a test class and hands it to test methods and
 * constructors as a parameter. Use {@code @ExtendWith(RedisExtension.class)}; tests that must not
 * see each other's keys call {@link RedisServer#flushAll()} in their set-up.
 */
public final class RedisExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RedisExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    store(context).put("server", RedisServer.start());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    RedisServer server = store(context).remove("server", RedisServer.class);
    if (server != null) {
      server.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == RedisServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    RedisServer server = store(context).get("server", RedisServer.class);
    if (server == null) {
      throw new IllegalStateException(
          "RedisExtension has no server for " + context.getDisplayName());
    }
    return server;
  }

  private static ExtensionContext.Store store(ExtensionContext context) {
    // Method contexts see the class context's store, where beforeAll put the server.
    return context.getStore(NAMESPACE);
  }
}
