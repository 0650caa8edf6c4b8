import { DRIVER_STATUS_LABEL, EXAM_KIND_LABEL, RIDE_STATUSES, RIDE_STATUS_LABEL, type DriverProfile, type ExamSession, type Page, type Ride, type RideStatus } from "@renxing/shared";
import { ApproveReject } from "../decision";
import { EmptyState } from "../layout";

const hhmm = (iso: string) => iso.slice(11, 16);
const Hidden = ({ csrf }: { csrf: string }) => <input type="hidden" name="_csrf" value={csrf} />;

function SessionForm({ csrf }: { csrf: string }) {
  return (
    <details class="record">
      <summary>新建考试场次</summary>
      {/* multipart: Chinese text is sent as UTF-8 bytes, not tripled by %XX, so 30 venues fit the 16 KB limit. */}
      <form method="post" action="/console/rides/sessions" enctype="multipart/form-data" class="stack">
        <Hidden csrf={csrf} />
        <label>场次名称<input name="name" required maxlength={40} placeholder="2027年高考" /></label>
        <label>
          类型
          <select name="kind">
            <option value="gaokao">高考</option>
            <option value="zhongkao">中考</option>
          </select>
        </label>
        <label>考试日期（用逗号分隔）<input name="examDates" required placeholder="2027-06-07, 2027-06-08" /></label>
        <label>开始预约<input name="bookingOpensAt" type="datetime-local" required /></label>
        <label>截止预约<input name="bookingClosesAt" type="datetime-local" required /></label>
        <label>
          考点（每行一个：名称｜地址）
          <textarea name="venues" required rows={3} placeholder={"沈阳市第二十中学考点｜铁西区兴华北街12号"}></textarea>
        </label>
        <button type="submit">创建场次</button>
      </form>
    </details>
  );
}

function Drivers({ drivers, csrf }: { drivers: DriverProfile[]; csrf: string }) {
  if (drivers.length === 0) return <EmptyState>没有待审核的司机登记。</EmptyState>;
  return (
    <table>
      <thead>
        <tr>
          <th>司机</th>
          <th>车辆</th>
          <th>审核</th>
        </tr>
      </thead>
      <tbody>
        {drivers.map((d) => (
          <tr data-driver={d.userId}>
            <td>
              {d.name}
              <br />
              电话 {d.phone ?? "未填写"}
            </td>
            <td>
              {d.plateNumber}，可载 {d.seats} 人，驾龄 {d.licenseYears} 年
            </td>
            <td>
              <ApproveReject base={`/console/drivers/${d.userId}`} csrf={csrf} approve="认证通过" reject="不通过" reasonLabel="不通过原因" />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** 撤销认证: the reason is required and kept with the profile; the browser asks before sending. */
function RevokeDriver({ driver, csrf }: { driver: DriverProfile; csrf: string }) {
  return (
    <form method="post" action={`/console/drivers/${driver.userId}/revoke`} data-confirm={`确定撤销${driver.name}的爱心司机认证吗？其已接但还没出发的订单会退回待派单。`}>
      <Hidden csrf={csrf} />
      <label>
        撤销原因
        <textarea name="reason" required maxlength={200} rows={2}></textarea>
      </label>
      <button type="submit" class="secondary">撤销认证</button>
    </form>
  );
}

function VerifiedDrivers({ drivers, csrf }: { drivers: DriverProfile[]; csrf: string }) {
  if (drivers.length === 0) return <EmptyState>还没有已认证的司机。</EmptyState>;
  return (
    <table>
      <thead>
        <tr>
          <th>司机</th>
          <th>车辆</th>
          <th>撤销认证</th>
        </tr>
      </thead>
      <tbody>
        {drivers.map((d) => (
          <tr data-verified-driver={d.userId}>
            <td>
              {d.name}
              <br />
              电话 {d.phone ?? "未填写"}
            </td>
            <td>
              {d.plateNumber}，可载 {d.seats} 人
            </td>
            <td>
              <RevokeDriver driver={d} csrf={csrf} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** For each verified driver, the pickups they already have, so a dispatcher sees clashes before assigning. */
function AssignForm({ ride, drivers, busy, csrf }: { ride: Ride; drivers: DriverProfile[]; busy: Map<string, string[]>; csrf: string }) {
  return (
    <form method="post" action={`/console/rides/${ride.id}/assign`} class="inline-form">
      <Hidden csrf={csrf} />
      <select name="driverUserId" required aria-label="选择司机">
        <option value="">选择司机…</option>
        {drivers.map((d) => {
          const taken = busy.get(d.userId) ?? [];
          const short = d.seats < ride.passengers;
          return (
            <option value={d.userId}>
              {`${d.name}（${d.plateNumber}，${d.seats}座${short ? "，座位不够" : ""}${taken.length ? `，已接 ${taken.join("、")}` : ""}）`}
            </option>
          );
        })}
      </select>
      <button type="submit">派单</button>
    </form>
  );
}

/** 送考调度: sessions, driver verification, and every ride by date and status with dispatch. */
export function RidesPage(props: {
  sessions: ExamSession[];
  rides: Page<Ride>;
  pendingDrivers: DriverProfile[];
  verifiedDrivers: DriverProfile[];
  filter: { status?: RideStatus; examDate?: string };
  csrf: string;
  notice?: string;
}) {
  const { sessions, rides, csrf, filter } = props;
  const busy = new Map<string, string[]>();
  for (const r of rides.items) {
    if (r.driver && ["assigned", "picked_up", "arrived"].includes(r.status)) busy.set(r.driver.userId, [...(busy.get(r.driver.userId) ?? []), `${r.examDate.slice(5)} ${hhmm(r.pickupAt)}`]);
  }
  const dates = [...new Set(sessions.flatMap((s) => s.examDates))].sort();
  return (
    <>
      {props.notice ? <p class="notice" role="status">{props.notice}</p> : null}
      <SessionForm csrf={csrf} />
      <h2>考试场次</h2>
      {sessions.length === 0 ? (
        <EmptyState>还没有即将到来的考试场次。</EmptyState>
      ) : (
        <table>
          <thead>
            <tr>
              <th>场次</th>
              <th>考试日期</th>
              <th>预约时间</th>
              <th>考点</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr>
                <td>
                  {s.name}（{EXAM_KIND_LABEL[s.kind]}）
                </td>
                <td>{s.examDates.join("、")}</td>
                <td>
                  {s.bookingOpensAt.slice(0, 16).replace("T", " ")} 至 {s.bookingClosesAt.slice(0, 16).replace("T", " ")}
                </td>
                <td>{s.venues.map((v) => `${v.name}（${v.address}）`).join("；")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>司机认证</h2>
      <Drivers drivers={props.pendingDrivers} csrf={csrf} />
      <h2>已认证司机</h2>
      <VerifiedDrivers drivers={props.verifiedDrivers} csrf={csrf} />

      <h2>接送订单</h2>
      <form method="get" action="/console/rides" class="filter">
        <label>
          考试日期
          <select name="examDate">
            <option value="">全部日期</option>
            {dates.map((d) => (
              <option value={d} selected={d === filter.examDate}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <label>
          状态
          <select name="status">
            <option value="">全部状态</option>
            {RIDE_STATUSES.map((s) => (
              <option value={s} selected={s === filter.status}>
                {RIDE_STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="secondary">筛选</button>
      </form>
      {rides.items.length === 0 ? (
        <EmptyState>没有符合条件的订单。</EmptyState>
      ) : (
        <table>
          <thead>
            <tr>
              <th>接送</th>
              <th>考生与家长</th>
              <th>状态</th>
              <th>司机</th>
            </tr>
          </thead>
          <tbody>
            {rides.items.map((r) => (
              <tr data-ride={r.id}>
                <td>
                  {r.examDate} {hhmm(r.pickupAt)} 出发
                  <br />
                  {r.pickupAddress ?? "（已按规定清除）"} → {r.venue.name}
                  <br />
                  {r.passengers} 人{r.notes ? `；备注：${r.notes}` : ""}
                </td>
                <td>
                  考生 {r.studentName ?? "—"}
                  <br />
                  家长 {r.guardianName ?? "—"} {r.guardianPhone ?? ""}
                </td>
                <td>{RIDE_STATUS_LABEL[r.status]}</td>
                <td>
                  {r.driver ? (
                    <>
                      {r.driver.name}（{r.driver.plateNumber}）
                      <br />
                      {r.driver.phone ?? ""}
                    </>
                  ) : r.status === "requested" ? (
                    <AssignForm ride={r} drivers={props.verifiedDrivers} busy={busy} csrf={csrf} />
                  ) : (
                    "—"
                  )}
                  {r.status === "requested" || r.status === "assigned" ? (
                    <form method="post" action={`/console/rides/${r.id}/cancel`} data-confirm="确定取消这个接送订单吗？家长会看到订单已取消。">
                      <Hidden csrf={csrf} />
                      <button type="submit" class="secondary">取消订单</button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rides.nextCursor ? (
        <p class="pager">
          <a href={`/console/rides?examDate=${filter.examDate ?? ""}&status=${filter.status ?? ""}&cursor=${encodeURIComponent(rides.nextCursor)}`}>下一页</a>
        </p>
      ) : null}
      <p>
        <small>司机状态说明：{Object.values(DRIVER_STATUS_LABEL).join(" / ")}</small>
      </p>
    </>
  );
}
