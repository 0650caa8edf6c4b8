export default definePageConfig({ navigationBarTitleText: "诉求墙", enablePullDownRefresh: true });
