import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The console is built into target/classes/static so that Maven packages it into the
// tianshu-console jar, which the server serves from classpath:/static/.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'target/classes/static',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/actuator': 'http://localhost:8080',
      '/v3': 'http://localhost:8080',
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
