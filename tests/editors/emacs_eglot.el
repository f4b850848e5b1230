;;; emacs_eglot.el --- Emacs 28 with eglot 1.9 (Debian packages) driving `provmark serve'.
;; Run by tests/editors/test_emacs.py with `emacs --batch -q -l emacs_eglot.el'.

(load (expand-file-name "emacs_common.el" (file-name-directory load-file-name)))
(require 'eglot)
(require 'flymake)

(setq eglot-server-programs `((python-mode . (,(getenv "PM_PYTHON") "-m" "provmark" "serve"))))
(setq eglot-send-changes-idle-time 0.1)

(defun pm-diags (pattern)
  (cl-remove-if-not (lambda (d) (string-match-p pattern (flymake-diagnostic-text d)))
                    (flymake-diagnostics)))

(condition-case err
    (let* ((ws (getenv "PM_WS")))
      (find-file (expand-file-name "app.py" ws))
      (python-mode)
      (let ((project-find-functions (list (lambda (_) (cons 'transient ws)))))
        (apply #'eglot (eglot--guess-contact)))
      (pm-wait (lambda () (eglot-current-server)) 20 "the server")
      ;; A paste from outside the workspace: another file's lines, in one change.
      (goto-char (point-min))
      (forward-line 2)
      (insert-file-contents (getenv "PM_AI"))
      (eglot--signal-textDocument/didChange)
      (pm-wait (lambda () (pm-diags "arrived at once")) 20 "the Warning")
      (let* ((flag (car (pm-diags "arrived at once")))
             (flag-line (line-number-at-pos (flymake-diagnostic-beg flag)))
             (inside (save-excursion (goto-char (flymake-diagnostic-beg flag)) (forward-line 3) (point)))
             (actions (eglot-code-actions inside inside))
             (tag (cl-find-if (lambda (a) (string-prefix-p "Tag as AI-generated" (plist-get a :title))) actions))
             (cmd (plist-get tag :command)))
        (unless tag (pm-out (format "FAIL no tag action inside the block: %S" actions)))
        (eglot-execute-command (eglot-current-server) (plist-get cmd :command) (plist-get cmd :arguments))
        (pm-wait (lambda () (file-exists-p (expand-file-name ".provmark/app.py.json" ws))) 20 "the sidecar")
        (pm-wait (lambda () (pm-diags "excluded from training")) 20 "the tag's Hint")
        (let ((line (line-number-at-pos (flymake-diagnostic-beg (car (pm-diags "excluded from training"))))))
          ;; An edit above the block: the tag moves down one line.
          (goto-char (point-min))
          (insert "# a line typed above\n")
          (eglot--signal-textDocument/didChange)
          (pm-wait (lambda ()
                     (let ((hint (car (pm-diags "excluded from training"))))
                       (and hint (= (line-number-at-pos (flymake-diagnostic-beg hint)) (1+ line)))))
                   20 "the Hint to move")
          (unless (= flag-line 3) (pm-out (format "FAIL the flag starts on line %d, not 3" flag-line)))
          (pm-out (format "OK flag at line %d, %d actions, hint moved to %d" flag-line (length actions) (1+ line))))))
  (error (pm-out (format "FAIL %S" err))))
