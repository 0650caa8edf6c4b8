const DRIVER_PAGES = ["pages/driver-profile", "pages/driver-open", "pages/driver-mine"];
/**
 * 网格诉求: 我要反映, 诉求墙, 我的诉求 and a report's progress (the page report notifications open).
 * Residents reach them from 首页, which fetches the first two in the background (and 消息 / 我的诉求
 * the progress page), so the first tap does not wait while the main package stays small.
 */
const REPORT_PAGES = ["pages/report-post", "pages/report-wall", "pages/my-reports", "pages/report-detail"];
/**
 * 关爱独居老人: 我的结对, 记录走访 and an elder's 走访记录, opened only by paired volunteers from 我的;
 * 我的结对 fetches the other two while it shows.
 */
const CARE_PAGES = ["pages/my-care", "pages/care-visit", "pages/care-history"];
/**
 * 居民议事厅: the topics, a topic (the page 议事进展 notifications open), 我要建议 and 我的建议.
 * Residents come to them now and then from 首页 and 我的, so none of it weighs on the first screen;
 * the list fetches the topic page while it shows.
 */
const DELIBERATION_PAGES = ["pages/deliberations", "pages/deliberation-detail", "pages/suggestion-post", "pages/my-suggestions"];

export default defineAppConfig({
  // H5 only: no sliding page transitions (calmer for older eyes; WeChat's own are native).
  ...(process.env.TARO_ENV === "h5" ? { animation: false } : {}),
  pages: [
    "pages/index/index",
    "pages/teams/index",
    "pages/wishes/index",
    "pages/rides/index",
    "pages/mine/index",
    "pages/login/index",
    "pages/team-detail/index",
    "pages/team-apply/index",
    "pages/my-applications/index",
    "pages/wish-detail/index",
    "pages/wish-post/index",
    "pages/my-wishes/index",
    "pages/wish-fulfil/index",
    "pages/ride-book/index",
    "pages/ride-mine/index",
    "pages/task-list/index",
    "pages/task-detail/index",
    "pages/my-hours/index",
    // 消息 stays in the main package: every signed-in resident gets messages and the badge on 我的
    // invites them in, so it should open at once (about 6 KB).
    "pages/messages/index",
  ],
  // 分包 (subpackages): the 爱心送考 drivers' pages (register a car, open requests, my rides) are
  // opened by a handful of volunteers, so they stay out of the main package WeChat downloads before
  // the first screen. A root per page folder keeps every path (/pages/driver-open/index), H5 URL
  // and navigateTo unchanged; on H5 every page is already a chunk of its own, loaded when opened.
  subPackages: [...DRIVER_PAGES, ...REPORT_PAGES, ...CARE_PAGES, ...DELIBERATION_PAGES].map((root) => ({ root, pages: ["index"] })),
  // Drivers reach them from 我的: fetch those small packages (about 10 KB each) while it shows.
  preloadRule: {
    "pages/mine/index": { network: "all", packages: DRIVER_PAGES },
    "pages/index/index": { network: "all", packages: ["pages/report-post", "pages/report-wall"] },
    "pages/messages/index": { network: "all", packages: ["pages/report-detail"] },
    "pages/my-reports/index": { network: "all", packages: ["pages/report-detail"] },
    "pages/my-care/index": { network: "all", packages: ["pages/care-visit", "pages/care-history"] },
    "pages/deliberations/index": { network: "all", packages: ["pages/deliberation-detail"] },
  },
  // WeChat opens its map picker (我要反映's optional 位置) only for an app that declares it.
  ...(process.env.TARO_ENV === "weapp" ? { requiredPrivateInfos: ["chooseLocation"] } : {}),
  window: {
    navigationBarTitleText: "仁兴社区志愿服务",
    navigationBarBackgroundColor: "#b71c1c",
    navigationBarTextStyle: "white",
    backgroundColor: "#f4f1ec",
    backgroundTextStyle: "dark",
  },
  tabBar: {
    color: "#4a4a4a",
    selectedColor: "#b71c1c",
    backgroundColor: "#ffffff",
    borderStyle: "black",
    list: [
      { pagePath: "pages/index/index", text: "首页", iconPath: "assets/tab/home.png", selectedIconPath: "assets/tab/home-on.png" },
      { pagePath: "pages/teams/index", text: "志愿队伍", iconPath: "assets/tab/teams.png", selectedIconPath: "assets/tab/teams-on.png" },
      { pagePath: "pages/wishes/index", text: "微心愿", iconPath: "assets/tab/wishes.png", selectedIconPath: "assets/tab/wishes-on.png" },
      { pagePath: "pages/rides/index", text: "爱心送考", iconPath: "assets/tab/rides.png", selectedIconPath: "assets/tab/rides-on.png" },
      { pagePath: "pages/mine/index", text: "我的", iconPath: "assets/tab/mine.png", selectedIconPath: "assets/tab/mine-on.png" },
    ],
  },
});
