complete --keep-order --exclusive --command tresor --arguments "(COMPLETE=fish tresor -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
