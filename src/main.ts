/** The app: loaded by the entry (src/boot/entry.ts) once it has started the first requests. */
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'

createApp(App).use(createPinia()).mount('#app')
