import pkg from "@/package.json";

/** The running release, as published in package.json. */
export const TERRANE_VERSION: string = pkg.version;
