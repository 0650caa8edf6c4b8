export default definePageConfig({ navigationBarTitleText: "队伍介绍" });
