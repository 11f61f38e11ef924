// The carbonTRACK widgets in a Vue app: they are custom elements (defined by importing the
// package), typed in templates by @carbontrack/widgets/vue. The proxy serves /ct.
import '@carbontrack/widgets';
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
