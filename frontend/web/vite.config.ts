import { defineConfig } from 'vitest/config';

// The build goes under target/, which Maven cleans and git ignores. Relative asset paths (base
// './') let the same build run at / on the development server and under /map/ behind the proxy.
export default defineConfig({
  base: './',
  build: { outDir: 'target/dist', emptyOutDir: true },
  test: { include: ['test/unit/**/*.test.ts'] },
});
