import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  // The ct-* tags are the widgets' custom elements, not Vue components.
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('ct-') } } })],
  build: { outDir: 'dist', emptyOutDir: true },
});
