import type { Open311KeyItem } from "@renxing/shared";
import { EmptyState } from "../layout";
import { beijingMinute } from "../when";

/**
 * 接口密钥: the keys other platforms (the district's command platform) use to file reports through
 * Open311. A key is shown once, right after it is issued: only its hash is stored.
 */
export function Open311KeysPage(props: { keys: Open311KeyItem[]; csrf: string; notice?: string; issued?: { name: string; key: string } }) {
  const { keys, csrf, issued } = props;
  return (
    <>
      {props.notice ? <p class="notice" role="status">{props.notice}</p> : null}
      {issued ? (
        <section class="issued" aria-labelledby="issued-title">
          <h2 id="issued-title">“{issued.name}”的密钥</h2>
          <p class="error" role="alert">请现在复制并交给对方：离开这个页面后，密钥不会再显示，也无法找回（丢失只能吊销后重新发放）。</p>
          <p>
            <code class="code key" data-issued-key>{issued.key}</code>
          </p>
        </section>
      ) : null}
      <details class="record" open={keys.length === 0 ? true : undefined}>
        <summary>发放新密钥</summary>
        <form method="post" action="/console/open311-keys" class="stack">
          <input type="hidden" name="_csrf" value={csrf} />
          <label>使用方名称<input name="name" required minlength={2} maxlength={40} placeholder="区级指挥平台" /></label>
          <button type="submit">发放</button>
        </form>
      </details>
      {keys.length === 0 ? (
        <EmptyState>还没有发放过接口密钥。</EmptyState>
      ) : (
        <div class="table-scroll" tabindex={0} role="region" aria-label="接口密钥列表">
          <table>
            <thead>
              <tr>
                <th>使用方</th>
                <th>发放</th>
                <th>最近使用</th>
                <th>状态</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr data-key={k.id} data-revoked={k.revokedAt === null ? undefined : "true"}>
                  <td>{k.name}</td>
                  <td>
                    {beijingMinute(k.createdAt)}
                    <br />
                    {k.createdBy}
                  </td>
                  <td>{k.lastUsedAt === null ? "从未使用" : beijingMinute(k.lastUsedAt)}</td>
                  <td>
                    {k.revokedAt === null ? (
                      <form method="post" action={`/console/open311-keys/${k.id}/revoke`} data-confirm={`吊销“${k.name}”的密钥？吊销后对方立即无法再提交诉求，且不能恢复。`}>
                        <input type="hidden" name="_csrf" value={csrf} />
                        有效 <button type="submit" class="secondary">吊销</button>
                      </form>
                    ) : (
                      <>已吊销（{beijingMinute(k.revokedAt)}）</>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
