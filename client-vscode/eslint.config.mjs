// ESLint (flat config): the recommended rules for TypeScript, type-aware.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "out/", "node_modules/"] },
  { files: ["e2e/**", "scripts/**"], languageOptions: { globals: { process: "readonly", console: "readonly", navigator: "readonly", document: "readonly", setTimeout: "readonly", setInterval: "readonly", clearInterval: "readonly" } } },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { "@typescript-eslint/no-floating-promises": "error" },
  },
  { files: ["test/**"], rules: { "@typescript-eslint/no-floating-promises": "off" } }, // node:test's test()
  { files: ["eslint.config.mjs", "e2e/**", "scripts/**"], ...tseslint.configs.disableTypeChecked },
);
