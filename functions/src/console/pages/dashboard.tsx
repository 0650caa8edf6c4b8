import { RIDE_STATUSES, RIDE_STATUS_LABEL, toShanghaiIso, WISH_STATUSES, WISH_STATUS_LABEL } from "@renxing/shared";
import type { DashboardFigures } from "../../services/dashboard";
import { EmptyState } from "../layout";

const Card = ({ label, value, id }: { label: string; value: number; id: string }) => (
  <div class="card" data-figure={id}>
    <div class="label">{label}</div>
    <div class="value">{value}</div>
  </div>
);

/** 概览: the community at a glance. */
export function DashboardPage({ figures }: { figures: DashboardFigures }) {
  return (
    <>
      <section class="cards" aria-label="主要数据">
        <Card id="residents" label="注册居民" value={figures.residents} />
        <Card id="residents-week" label="近7天新注册" value={figures.residentsThisWeek} />
        <Card id="volunteers" label="志愿者" value={figures.volunteers} />
        <Card id="pending-applications" label="待审核入队申请" value={figures.pendingApplications} />
        <Card id="grids" label="网格" value={figures.grids} />
        <Card id="partners" label="共建单位" value={figures.partners} />
      </section>
      <h2>微心愿</h2>
      <section class="cards" aria-label="心愿状态">
        {WISH_STATUSES.map((s) => (
          <Card id={`wishes-${s}`} label={WISH_STATUS_LABEL[s]} value={figures.wishesByStatus[s] ?? 0} />
        ))}
      </section>
      <h2>爱心送考</h2>
      <section class="cards" aria-label="送考订单状态">
        {RIDE_STATUSES.map((s) => (
          <Card id={`rides-${s}`} label={RIDE_STATUS_LABEL[s]} value={figures.ridesByStatus[s] ?? 0} />
        ))}
      </section>
      <h2>服务时长</h2>
      <section class="cards">
        <Card id="hours-month" label="本月服务（小时）" value={Math.round(figures.minutesThisMonth / 6) / 10} />
      </section>
      <h2>最近注册的居民</h2>
      {figures.recentResidents.length === 0 ? (
        <EmptyState>还没有居民注册。</EmptyState>
      ) : (
        <table>
          <thead>
            <tr>
              <th>昵称</th>
              <th>网格</th>
              <th>注册时间</th>
            </tr>
          </thead>
          <tbody>
            {figures.recentResidents.map((r) => (
              <tr>
                <td>{r.nickname}</td>
                <td>{r.gridName ?? "未填写"}</td>
                <td>{toShanghaiIso(r.createdAt).slice(0, 16).replace("T", " ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
