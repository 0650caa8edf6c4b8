/**
 * One grid worker per grid (`grid1` … `grid9`), as the community has: each sees only their own
 * grid in the console. They sign in with the development admin's password, copied from that
 * admin's row, so they exist only where the development admin does, never in production.
 */
export const DEMO_GRID_WORKERS = ["一", "二", "三", "四", "五", "六", "七", "八", "九"].map((n, i) => ({
  id: `stf_demo_grid${i + 1}`,
  username: `grid${i + 1}`,
  displayName: `第${n}网格网格员`,
  gridId: `grd_renxing_${String(i + 1).padStart(2, "0")}`,
}));

export function demoGridWorkerStatements(now: number): string[] {
  return DEMO_GRID_WORKERS.map(
    (w) =>
      `insert into staff (id, username, display_name, password_hash, role, grid_id, created_at) select '${w.id}', '${w.username}', '${w.displayName}', password_hash, 'grid_worker', '${w.gridId}', ${now} from staff where username = 'admin' on conflict do nothing;`,
  );
}
