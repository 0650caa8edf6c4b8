// Types for `env` and `exports` inside the tests: the Worker's own bindings plus the migrations
// that vitest.config.ts passes in.
type WorkerEnv = import("../src/env").Env;

declare namespace Cloudflare {
  interface Env extends WorkerEnv {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
  }
  interface GlobalProps {
    mainModule: typeof import("./worker-entry");
  }
}
