import { PAYMENT_METHOD_LABEL, type FundingTotals } from "@renxing/shared";
import { EmptyState } from "../layout";
import { yuan } from "./deliberations";
import type { StaffPledge } from "./deliberation-topic";

/**
 * 收款明细 (/console/deliberations/:id/receipts), for the notice board and the accounts: every
 * pledge with the owner's name, unit and amount, every payment with its receipt number, and the
 * totals. Printing leaves out the console's frame (@media print in the stylesheet).
 */
export function ReceiptsPage(props: { id: string; title: string; totals: FundingTotals; pledges: StaffPledge[] }) {
  const { totals: f } = props;
  return (
    <>
      <p class="no-print">
        <a href={`/console/deliberations/${props.id}`}>← 返回议题</a> <button type="button" class="secondary" data-print>打印</button>
      </p>
      <h2>{props.title}</h2>
      <p data-totals>
        目标 {yuan(f.targetFen)}；认筹 {f.contributors} 户，共 {yuan(f.pledgedFen)}；已收 {yuan(f.receivedFen)}
      </p>
      <PledgeTable totals={f} pledges={props.pledges} />
    </>
  );
}

/** Every pledge with the owner's name, unit and amount, each payment on its own row with its receipt number, and the totals. */
export function PledgeTable({ totals: f, pledges }: { totals: FundingTotals; pledges: StaffPledge[] }) {
  return (
    <>
      {pledges.length === 0 ? (
        <EmptyState>还没有认筹。</EmptyState>
      ) : (
        <div class="table-scroll" tabindex={0} role="region" aria-label="收款明细">
          <table>
            <thead>
              <tr>
                <th>姓名</th>
                <th>房号</th>
                <th>认筹</th>
                <th>收据编号</th>
                <th>收款日期</th>
                <th>方式</th>
                <th>收款</th>
              </tr>
            </thead>
            <tbody>
              {pledges.map((p) =>
                (p.payments.length === 0 ? [null] : p.payments).map((m, i) => (
                  <tr data-pledge={p.id}>
                    <td>{i === 0 ? p.name : ""}</td>
                    <td>{i === 0 ? p.unit : ""}</td>
                    <td>{i === 0 ? yuan(p.amountFen) : ""}</td>
                    <td>{m?.receiptNo ?? "未收款"}</td>
                    <td>{m?.paidAt ?? ""}</td>
                    <td>{m ? PAYMENT_METHOD_LABEL[m.method] : ""}</td>
                    <td>{m ? yuan(m.amountFen) : ""}</td>
                  </tr>
                )),
              )}
            </tbody>
            <tfoot>
              <tr>
                <th colspan={2}>合计</th>
                <td>{yuan(f.pledgedFen)}</td>
                <td colspan={3}></td>
                <td>{yuan(f.receivedFen)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </>
  );
}
