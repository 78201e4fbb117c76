// Lint: recommended rules plus the import direction between the folders that say where code runs
// (see CONTRIBUTING.md). A value import of electron outside the shell breaks tests and the CLI.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import vueParser from 'vue-eslint-parser'
import globals from 'globals'
import { builtinModules } from 'node:module'

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)]
const ours = (...dirs) => dirs.flatMap((d) => [`**/${d}/**`, `**/${d}`])

const restrict = (paths, patterns, allowTypeImports = false) => ({
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      paths: paths.map((name) => ({ name, message: 'not allowed in this layer (CONTRIBUTING.md)', allowTypeImports })),
      patterns: patterns.length ? [{ group: patterns, message: 'not allowed in this layer (CONTRIBUTING.md)', allowTypeImports }] : [],
    },
  ],
})

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'wasm/*.mjs', 'wasm/**/*.js', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/essential'],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      'no-control-regex': 'off',
      'vue/multi-word-component-names': 'off',
    },
  },
  {
    files: ['**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, sourceType: 'module' } },
  },
  // shared: pure code, imports nothing of ours outside src/shared, no Node, no electron, no DOM.
  {
    files: ['src/shared/**/*.ts'],
    rules: restrict(['electron', ...nodeBuiltins], ours('main', 'renderer', 'preload', 'cli')),
  },
  // renderer: browser only.
  {
    files: ['src/renderer/**/*.{ts,vue}'],
    rules: restrict(['electron', ...nodeBuiltins], ours('main', 'preload', 'cli')),
  },
  // preload: electron and shared only.
  {
    files: ['src/preload/**/*.ts'],
    rules: restrict(nodeBuiltins, ours('main', 'renderer', 'cli')),
  },
  // main outside the shell, the CLI: no value import of electron (type imports are fine).
  {
    files: ['src/main/**/*.ts', 'src/cli/**/*.ts'],
    ignores: ['src/main/electron/**', 'src/main/index.ts'],
    rules: restrict(['electron'], ours('renderer'), true),
  },
  // tests, benchmarks and scripts run under plain Node: electron as a value would throw there.
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: restrict(['electron'], [], true),
  },
)
