// Eleventy configuration: templates/ is the input, the archive plugin reads the content folder.
import { archivePlugin } from "./src/eleventy/plugin.ts";
import type { EleventyConfig } from "./src/eleventy/eleventy-config.ts";

export default function (eleventyConfig: EleventyConfig) {
  eleventyConfig.addPlugin(archivePlugin, {
    contentDir: process.env.LISTARCHIVE_CONTENT ?? "content",
    summary: process.env.LISTARCHIVE_SUMMARY !== "0",
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
