/**
 * The manifest's FunctionFile. The ribbon button only opens the task pane (ShowTaskpane), so
 * there are no commands to register; Office still loads this page and waits for it to be ready.
 */
Office.onReady(() => undefined);
