/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const server = 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'target/classes/io/flowcraft/web/app',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      '/api': { target: server, changeOrigin: false },
      '/ws': {
        target: server,
        ws: true,
        changeOrigin: true,
        // the server checks Origin against its own host: present the proxied request as same-origin
        configure: (proxy) => {
          proxy.on('proxyReqWs', (req) => req.setHeader('origin', server));
        },
      },
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
  },
});
