/**
 * The console's only stylesheet and script, served from /console/static/ so the CSP can forbid
 * inline code. Large type and plain contrast: staff use it on old office PCs. Not Worker code:
 * scripts/console-assets.ts writes them as static files beside the H5 build.
 */
export const CONSOLE_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.6 "Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1a1a1a;background:#f4f5f7}
a{color:#0b57d0}
.top{display:flex;justify-content:space-between;align-items:center;padding:12px 24px;background:#b71c1c;color:#fff}
.top .brand{font-size:20px;font-weight:700}
.top .who{display:flex;gap:12px;align-items:center}
.inline{display:inline}
button,.button{font:inherit;min-height:44px;padding:6px 16px;border-radius:6px;border:1px solid #b71c1c;background:#b71c1c;color:#fff;cursor:pointer}
button.link{background:transparent;border-color:#fff;color:#fff}
button.secondary{background:#fff;color:#b71c1c}
.frame{display:flex;min-height:calc(100vh - 56px)}
nav{width:180px;background:#fff;border-right:1px solid #ddd;padding:12px 0}
nav ul{list-style:none;margin:0;padding:0}
nav a{display:block;padding:10px 24px;color:#1a1a1a;text-decoration:none}
nav a[aria-current=page]{background:#fdecea;color:#b71c1c;font-weight:700;border-left:4px solid #b71c1c}
main{flex:1;padding:16px 32px;max-width:1200px}
h1{font-size:24px;margin:8px 0 16px}
h2{font-size:19px;margin:24px 0 8px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(180px,1fr));gap:12px}
.card{background:#fff;border:1px solid #ddd;border-radius:8px;padding:12px 16px}
.card .label{color:#555}
.card .value{font-size:28px;font-weight:700}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #ddd;padding:8px 10px;text-align:left;vertical-align:top}
th{background:#f0f0f0}
.empty{padding:24px;background:#fff;border:1px dashed #bbb;border-radius:8px;color:#555}
.error{padding:10px 14px;background:#fdecea;border:1px solid #b71c1c;border-radius:6px;color:#8a1010}
.login{max-width:380px;margin:10vh auto;background:#fff;padding:24px 32px;border-radius:10px;border:1px solid #ddd}
.login label{display:block;margin:12px 0 4px}
.login input{width:100%;font:inherit;padding:8px 10px;min-height:44px;border:1px solid #999;border-radius:6px}
.login button{width:100%;margin-top:20px}
.pager{margin:12px 0}
.outcome-failed,.outcome-denied{color:#8a1010;font-weight:700}
.notice{padding:10px 14px;background:#e8f5e9;border:1px solid #2e7d32;border-radius:6px;color:#1b5e20}
.tabs{display:flex;gap:8px}
.tabs a{display:inline-flex;align-items:center;min-height:44px;padding:6px 14px;border:1px solid #999;border-radius:18px;text-decoration:none;color:#1a1a1a;background:#fff}
.tabs a[aria-current=page]{background:#b71c1c;border-color:#b71c1c;color:#fff}
.counts{display:flex;flex-wrap:wrap;gap:8px 20px;list-style:none;padding:0}
.decide{display:flex;flex-direction:column;gap:8px;min-width:220px}
.decide textarea{width:100%;font:inherit;border:1px solid #999;border-radius:6px}
h3{font-size:17px;margin:16px 0 6px}
.record{background:#fff;border:1px solid #ddd;border-radius:8px;padding:10px 16px;margin-bottom:12px}
.record summary{cursor:pointer;font-weight:700;padding:10px 0}
.stack{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:8px 16px;margin-top:8px}
.stack label{display:flex;flex-direction:column}
.stack input,.stack select,.stack textarea,.filter select{font:inherit;min-height:44px;padding:4px 8px;border:1px solid #999;border-radius:6px}
.filter{display:flex;gap:8px;align-items:end;margin:8px 0}
.filter label{display:flex;flex-direction:column}
.filter input{font:inherit;min-height:44px;padding:4px 8px;border:1px solid #999;border-radius:6px}
.inline-form{display:flex;gap:6px;flex-wrap:wrap;margin-bottom:6px}
.inline-form select{font:inherit;min-height:44px;max-width:320px}
.inline-form label{display:flex;flex-direction:column}
.inline-form{align-items:end}
.code{font-family:monospace;font-size:20px;letter-spacing:2px}
.code.big{font-size:40px;font-weight:700}
.checkin{display:flex;gap:24px;align-items:center;background:#fff;border:1px solid #ddd;border-radius:8px;padding:16px}
.checkin .qr svg{width:220px;height:220px}
.chart{background:#fff;border:1px solid #ddd;border-radius:8px;padding:12px;overflow-x:auto}
a.button{display:inline-flex;align-items:center;text-decoration:none}
.table-scroll{overflow-x:auto;max-width:100%}
.table-scroll>table{min-width:640px}
.table-scroll:focus-visible,.chart:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
.overdue{color:#8a1010}
.overdue-row td{background:#fff5f5}
.hint{color:#555}
.check{flex-direction:row!important;align-items:center;gap:6px;min-height:44px}
.check input{min-height:auto;width:20px;height:20px}
.wide{grid-column:1/-1}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;background:#fff;border:1px solid #ddd;border-radius:8px;padding:12px 16px}
.facts dt{color:#555}
.facts dd{margin:0}
.description{white-space:pre-wrap;background:#fff;border:1px solid #ddd;border-radius:8px;padding:10px 14px}
.photos{display:flex;flex-wrap:wrap;gap:8px}
.photos img{height:auto;border:1px solid #ddd;border-radius:6px}
.timeline{background:#fff;border:1px solid #ddd;border-radius:8px;padding:10px 16px 10px 36px}
.timeline li{margin:6px 0}
.badge{display:inline-block;margin-left:6px;padding:0 8px;border:1px solid #555;border-radius:10px;font-size:16px}
.actions{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:12px}
.actions h2{grid-column:1/-1}
.case-action fieldset,.mediation{display:flex;flex-direction:column;gap:8px;border:1px solid #ddd;border-radius:8px;background:#fff}
.case-action label{display:flex;flex-direction:column}
.case-action input,.case-action select,.case-action textarea{font:inherit;min-height:44px;padding:4px 8px;border:1px solid #999;border-radius:6px}
.filter{flex-wrap:wrap}
.filter .check{align-self:center}
.key{display:inline-block;padding:8px 12px;background:#fff;border:1px solid #999;border-radius:6px;word-break:break-all;user-select:all}
table.numbers td{text-align:right}
table.numbers th,table.numbers td{white-space:nowrap}
small{font-size:16px;color:#444}
main a:not(.button),.login a{display:inline-flex;align-items:center;min-height:44px}
.top .who{flex-wrap:wrap}
.unread{display:inline-block;margin-left:8px;padding:0 8px;border-radius:12px;background:#b71c1c;color:#fff;font-weight:700}
.messages{list-style:none;margin:8px 0;padding:0}
.message{background:#fff;border:1px solid #ddd;border-radius:8px;padding:4px 16px;margin-bottom:8px}
.message[data-read=false]{border-left:4px solid #b71c1c}
.message-actions,.pairings li{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
.pairings{list-style:none;padding:0}
.consent{font-weight:700;margin:4px 0}
progress{width:100%;max-width:240px;height:16px;accent-color:#2e7d32}
tfoot th,tfoot td{background:#f0f0f0;font-weight:700}
@media print{.top,nav,.no-print,.tabs{display:none}main{padding:0;max-width:none}body{background:#fff}.table-scroll>table{min-width:0}}
@media (max-width:700px){.frame{flex-direction:column}nav{width:auto;border-right:0;border-bottom:1px solid #ddd}nav ul{display:flex;flex-wrap:wrap}nav a{padding:10px 12px}main{padding:12px}.top{flex-wrap:wrap;gap:6px;padding:10px 12px}.stack,.actions{grid-template-columns:1fr}.filter{flex-direction:column;align-items:stretch}}
`;

/** Progressive help only: forms marked data-confirm ask before doing something irreversible. */
export const CONSOLE_JS = `
document.addEventListener("submit", function (e) {
  var form = e.target;
  var text = form && form.getAttribute && form.getAttribute("data-confirm");
  if (text && !window.confirm(text)) e.preventDefault();
});
document.addEventListener("click", function (e) {
  if (e.target && e.target.closest && e.target.closest("[data-print]")) window.print();
});
`;
