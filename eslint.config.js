import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import globals from 'globals'

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.data/**',
      '**/.turbo/**',
      '**/.reports/**',
      '**/coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/essential'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      ecmaVersion: 'latest',
      sourceType: 'module',
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/attribute-hyphenation': 'off',
      'vue/v-on-event-hyphenation': 'off',
    },
  },
  // Type-aware rules read each file's own tsconfig (the project service); files no tsconfig includes (vitest configs,
  // the runner's tests) get TypeScript's default project. In the Vue projects (apps, packages/ui, web-kit) they cover the
  // .ts files (API clients, stores, composables, where promises are made); .vue files are left to vue-tsc because the
  // project service re-checks a whole program for every .vue file (over 5 CPU minutes, against ~40 s for the .ts files).
  // Scripts in .vue files stay thin: effects live in composables and stores, which these rules do cover.
  {
    files: ['services/**/*.ts', 'packages/**/*.ts', 'tools/**/*.ts', 'e2e/**/*.ts', 'apps/**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: [
            'services/*/vitest.config.ts',
            'packages/{service-kit,permissions,dictionary}/vitest.config.ts',
            'tools/*/vitest.config.ts',
            'e2e/vitest.config.ts',
            'tools/runner/src/*.ts',
          ],
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 30,
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
)
