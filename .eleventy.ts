// Eleventy configuration: templates/ is the input, the archive plugin reads the content folder.
import { archivePlugin } from "./src/eleventy/plugin.ts";
import type { EleventyConfig } from "./src/eleventy/eleventy-config.ts";

export default function (eleventyConfig: EleventyConfig) {
  eleventyConfig.addPlugin(archivePlugin, {
    contentDir: process.env.LISTARCHIVE_CONTENT ?? "content",
    summary: process.env.LISTARCHIVE_SUMMARY !== "0",
    // LISTARCHIVE_CACHE: the parse cache's folder, or "off"; default .cache/ in the project.
    cacheDir: process.env.LISTARCHIVE_CACHE === "off" ? null : process.env.LISTARCHIVE_CACHE || undefined,
  });
  eleventyConfig.addPassthroughCopy({ public: "/" });
  // The search page's scripts, shared with the index builder (tokenizer, index format).
  eleventyConfig.addPassthroughCopy({ "src/search/client/*.js": "/search/js/" });
  return {
    dir: { input: "templates", includes: "_includes", output: "_site" },
    templateFormats: ["njk"],
    htmlTemplateEngine: "njk",
  };
}
