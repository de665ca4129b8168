import { defineConfig } from 'vitest/config';

// The build goes under target/, which Maven cleans and git ignores.
export default defineConfig({
  build: { outDir: 'target/dist', emptyOutDir: true },
  test: { include: ['test/unit/**/*.test.ts'] },
});
