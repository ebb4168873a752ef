/** Client entry: mounts the app. */
import { render } from 'solid-js/web'
import { App } from './App.tsx'
import './styles.css'

const root = document.getElementById('app')
if (root) render(() => <App />, root)
