import type { Child } from "hono/jsx";
import type { StaffPrincipal } from "../env";
import { NAV, ROLE_LABEL } from "./labels";

const MESSAGES = "/console/messages";

/** The bare HTML document every console page shares. */
export function Document({ title, children }: { title: string; children: Child }) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · 仁兴社区志愿服务管理后台`}</title>
        <link rel="stylesheet" href="/console/static/console.css" />
        <script src="/console/static/console.js" defer></script>
      </head>
      <body>{children}</body>
    </html>
  );
}

/**
 * A signed-in page: header with who is logged in, the navigation their role allows (消息 with the
 * number unread, when page() read it), content.
 */
export function Layout(props: { title: string; staff: StaffPrincipal; csrf: string; current: string; unread?: number; children: Child }) {
  const { staff, csrf, current } = props;
  return (
    <Document title={props.title}>
      <header class="top">
        <span class="brand">仁兴社区志愿服务 · 管理后台</span>
        <span class="who">
          {staff.displayName}（{ROLE_LABEL[staff.role]}）
          <form method="post" action="/console/logout" class="inline">
            <input type="hidden" name="_csrf" value={csrf} />
            <button type="submit" class="link">退出登录</button>
          </form>
        </span>
      </header>
      <div class="frame">
        <nav aria-label="主导航">
          <ul>
            {NAV.filter((item) => item.roles.includes(staff.role)).map((item) => (
              <li>
                <a href={item.href} aria-current={item.href === current ? "page" : undefined}>
                  {item.label}
                  {item.href === MESSAGES && props.unread ? <span class="unread" data-unread={props.unread}>{`${props.unread} 条未读`}</span> : null}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main>
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </div>
    </Document>
  );
}

/** What an empty list or a section not yet built shows: a sentence, not a blank page. */
export function EmptyState({ children }: { children: Child }) {
  return <p class="empty">{children}</p>;
}
