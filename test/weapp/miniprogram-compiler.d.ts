declare module "miniprogram-compiler" {
  interface Options {
    maxBuffer?: number;
    wxmlList?: string[];
    wxssList?: string[];
  }
  const compiler: {
    wxmlToJs(rootPath: string, options?: Options): string;
    wxssToJs(rootPath: string, options?: Options): string | Error;
  };
  export default compiler;
}
