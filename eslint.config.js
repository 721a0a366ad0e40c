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
      // On (with the type-aware rules) where the project service runs; see below.
      '@typescript-eslint/no-explicit-any': 'off',
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
  // the runner's tests) get TypeScript's default project. Not yet the Vue projects (apps, packages/ui, web-kit): the
  // project service re-checks a program for every .vue file and took over 5 CPU minutes there, against 40 s for the rest.
  {
    files: [
      'services/**/*.ts',
      'packages/{service-kit,permissions,schemas,dictionary}/**/*.ts',
      'tools/**/*.ts',
      'e2e/**/*.ts',
    ],
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*/*/vitest.config.ts', 'e2e/vitest.config.ts', 'tools/runner/src/*.ts'],
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 30,
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
)
