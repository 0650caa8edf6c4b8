import { beijingClock, SIGNUP_STATUS_LABEL, type AdminTask, type SignupStatus } from "@renxing/shared";
import { EmptyState } from "../layout";

const when = (iso: string) => iso.slice(0, 16).replace("T", " ");
const clock = (ms: number | null) => (ms === null ? "—" : beijingClock(ms));

function TaskForm({ teams, csrf }: { teams: { id: string; name: string }[]; csrf: string }) {
  return (
    <details class="record">
      <summary>发布新任务</summary>
      <form method="post" action="/console/tasks" class="stack">
        <input type="hidden" name="_csrf" value={csrf} />
        <label>任务名称<input name="title" required maxlength={40} placeholder="走访独居老人" /></label>
        <label>地点<input name="location" required maxlength={100} /></label>
        <label>开始时间<input name="startsAt" type="datetime-local" required /></label>
        <label>结束时间<input name="endsAt" type="datetime-local" required /></label>
        <label>人数上限<input name="capacity" type="number" min={1} max={500} required value="10" /></label>
        <label>
          限定队伍
          <select name="teamId">
            <option value="">所有志愿者</option>
            {teams.map((t) => (
              <option value={t.id}>{t.name}</option>
            ))}
          </select>
        </label>
        <label>任务内容<textarea name="description" required minlength={5} maxlength={500} rows={3}></textarea></label>
        <button type="submit">发布</button>
      </form>
    </details>
  );
}

/** 服务任务: every task with its check-in code, QR code and places taken. */
export function TasksPage({ tasks, teams, csrf, notice }: { tasks: AdminTask[]; teams: { id: string; name: string }[]; csrf: string; notice?: string }) {
  return (
    <>
      {notice ? <p class="notice" role="status">{notice}</p> : null}
      <TaskForm teams={teams} csrf={csrf} />
      {tasks.length === 0 ? (
        <EmptyState>还没有志愿任务，点上面的“发布新任务”开始。</EmptyState>
      ) : (
        <table>
          <thead>
            <tr>
              <th>任务</th>
              <th>时间地点</th>
              <th>报名</th>
              <th>签到码</th>
            </tr>
          </thead>
          <tbody>
            {tasks.map((t) => (
              <tr data-task={t.id}>
                <td>
                  <a href={`/console/tasks/${t.id}`}>{t.title}</a>
                  <br />
                  {t.teamName ? `仅限${t.teamName}` : "所有志愿者"}
                </td>
                <td>
                  {when(t.startsAt)} – {t.endsAt.slice(11, 16)}
                  <br />
                  {t.location}
                </td>
                <td>
                  {t.signedUpCount} / {t.capacity}
                </td>
                <td class="code">{t.checkInCode}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

type RosterRow = { userId: string; name: string; phone: string | null; status: SignupStatus; signedUpAt: number; checkedInAt: number | null; checkedOutAt: number | null; creditedMinutes: number | null };

/** One task for the organiser: the code and QR to show on site, and the roster. */
export function TaskDetailPage({ task, roster }: { task: AdminTask; roster: RosterRow[] }) {
  const live = roster.filter((r) => r.status !== "withdrawn");
  return (
    <>
      <p>
        {when(task.startsAt)} – {task.endsAt.slice(11, 16)}，{task.location}。{task.teamName ? `仅限${task.teamName}。` : ""}
      </p>
      <section class="checkin">
        {/* Drawn in the browser by /console/static/qr.js (a static asset, not Worker code). */}
        <div class="qr" data-qr={task.checkInQr} role="img" aria-label="签到二维码" />
        <script src="/console/static/qr.js" defer />
        <div>
          <div class="label">现场签到码</div>
          <div class="code big">{task.checkInCode}</div>
          <p>志愿者在小程序里输入签到码，或扫描左侧二维码签到。开始前30分钟起可签到。</p>
        </div>
      </section>
      <h2>
        报名名单（{live.length} / {task.capacity}）
      </h2>
      {roster.length === 0 ? (
        <EmptyState>还没有人报名。</EmptyState>
      ) : (
        <table>
          <thead>
            <tr>
              <th>志愿者</th>
              <th>电话</th>
              <th>状态</th>
              <th>签到</th>
              <th>签退</th>
              <th>计入时长</th>
            </tr>
          </thead>
          <tbody>
            {roster.map((r) => (
              <tr data-volunteer={r.userId} data-status={r.status}>
                <td>{r.name}</td>
                <td>{r.phone ?? "未填写"}</td>
                <td>{SIGNUP_STATUS_LABEL[r.status]}</td>
                <td>{clock(r.checkedInAt)}</td>
                <td>{clock(r.checkedOutAt)}</td>
                <td>{r.creditedMinutes === null ? "—" : `${r.creditedMinutes} 分钟`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
