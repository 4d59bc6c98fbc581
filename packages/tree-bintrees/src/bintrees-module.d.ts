/** bintrees ships no types: its export, typed by the structural type in bintrees-like.ts. */
declare module "bintrees" {
  const bintrees: import("./bintrees-like.js").BintreesModule;
  export = bintrees;
}
