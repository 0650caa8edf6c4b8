import { APPLICATION_STATUS_LABEL, shanghaiDate, type AdminApplication, type ApplicationStatus, type Page } from "@renxing/shared";
import { ApproveReject } from "../decision";
import { EmptyState } from "../layout";

type Member = { teamId: string; teamName: string; userId: string; nickname: string; realName: string | null; phone: string | null; joinedAt: number };

const STATUS_TABS: ApplicationStatus[] = ["pending", "approved", "rejected"];
const minute = (iso: string) => iso.slice(0, 16).replace("T", " ");

/** 队员审核: the application queue with each applicant's details, and every team's members. */
export function ApplicationsPage(props: { status: ApplicationStatus; page: Page<AdminApplication>; members: Member[]; csrf: string; notice?: string }) {
  const { status, page, members, csrf } = props;
  const teams = [...new Map(members.map((m) => [m.teamId, m.teamName])).entries()];
  return (
    <>
      {props.notice ? <p class="notice" role="status">{props.notice}</p> : null}
      <p class="tabs">
        {STATUS_TABS.map((s) => (
          <a href={`/console/applications?status=${s}`} aria-current={s === status ? "page" : undefined}>
            {APPLICATION_STATUS_LABEL[s]}
          </a>
        ))}
      </p>
      {page.items.length === 0 ? (
        <EmptyState>{status === "pending" ? "没有待审核的申请。" : "没有记录。"}</EmptyState>
      ) : (
        <table>
          <thead>
            <tr>
              <th>申请人</th>
              <th>队伍</th>
              <th>特长 / 可服务时间</th>
              <th>申请理由</th>
              <th>{status === "pending" ? "审核" : "结果"}</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((a) => (
              <tr data-application={a.id}>
                <td>
                  <strong>{a.applicant.realName}</strong>（{a.applicant.nickname}）
                  <br />
                  电话 {a.applicant.phone}
                  <br />
                  {a.applicant.birthYear} 年出生
                  <br />
                  <small>申请于 {minute(a.createdAt)}</small>
                </td>
                <td>{a.team.name}</td>
                <td>
                  {a.skills.length ? a.skills.join("、") : "未填写"}
                  <br />
                  {a.availability}
                </td>
                <td>{a.motivation || "未填写"}</td>
                <td>
                  {status === "pending" ? (
                    <ApproveReject base={`/console/applications/${a.id}`} csrf={csrf} approve="通过" reject="不通过" reasonLabel="不通过原因（申请人会看到）" confirm={`确定通过 ${a.applicant.realName} 加入${a.team.name}吗？`} />
                  ) : (
                    <>
                      {APPLICATION_STATUS_LABEL[a.status]}
                      {a.reason ? `：${a.reason}` : ""}
                      {a.decidedAt ? <small><br />{minute(a.decidedAt)}</small> : null}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page.nextCursor ? (
        <p class="pager">
          <a href={`/console/applications?status=${status}&cursor=${encodeURIComponent(page.nextCursor)}`}>下一页</a>
        </p>
      ) : null}

      <h2>各队队员</h2>
      {teams.length === 0 ? (
        <EmptyState>还没有队员。</EmptyState>
      ) : (
        teams.map(([teamId, teamName]) => {
          const list = members.filter((m) => m.teamId === teamId);
          return (
            <section data-team={teamId}>
              <h3>
                {teamName}（{list.length} 人）
              </h3>
              <table>
                <thead>
                  <tr>
                    <th>姓名</th>
                    <th>电话</th>
                    <th>入队日期</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((m) => (
                    <tr>
                      <td>
                        {m.realName ?? m.nickname}（{m.nickname}）
                      </td>
                      <td>{m.phone ?? "未填写"}</td>
                      <td>{shanghaiDate(m.joinedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          );
        })
      )}
    </>
  );
}
