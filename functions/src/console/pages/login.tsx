import { Document } from "../layout";

/** The sign-in form; `error` is shown above it after a failed attempt. */
export function LoginPage({ error, username }: { error?: string; username?: string }) {
  return (
    <Document title="登录">
      <main class="login">
        <h1>管理后台登录</h1>
        <p>仁兴社区志愿服务平台 · 工作人员专用</p>
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
        <form method="post" action="/console/login">
          <label for="username">用户名</label>
          <input id="username" name="username" autocomplete="username" required value={username ?? ""} />
          <label for="password">密码</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
          <button type="submit">登录</button>
        </form>
      </main>
    </Document>
  );
}
