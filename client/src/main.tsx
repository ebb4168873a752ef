/** Client entry: mounts the app. */
import { render } from 'solid-js/web'
import { App } from './App.tsx'
import { registerServiceWorker } from './offline/register-service-worker.ts'
import './styles.css'

const root = document.getElementById('app')
if (root) render(() => <App />, root)
registerServiceWorker()
