/** The same jsdom shims Fluent UI v9 needs as the task pane tests: imported first by the view tests. */
import "../taskpane/setup";
