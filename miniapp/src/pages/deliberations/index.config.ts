export default definePageConfig({ navigationBarTitleText: "居民议事厅", enablePullDownRefresh: true });
