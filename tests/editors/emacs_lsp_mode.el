;;; emacs_lsp_mode.el --- Emacs 28 with lsp-mode 8.0 (Debian packages) driving `provmark serve'.
;; Run by tests/editors/test_emacs.py with `emacs --batch -q -l emacs_lsp_mode.el'.
;; lsp-mode sends with a code-action request only the diagnostics that start on the
;; cursor's line: with the cursor inside a flagged block, it sends none.

(load (expand-file-name "emacs_common.el" (file-name-directory load-file-name)))
(setq lsp-enable-snippet nil
      lsp-auto-guess-root nil
      lsp-enable-file-watchers nil
      lsp-keep-workspace-alive nil
      lsp-restart 'ignore
      lsp-modeline-code-actions-enable nil
      lsp-headerline-breadcrumb-enable nil
      lsp-diagnostics-provider :none
      lsp-session-file (expand-file-name "lsp-session" (getenv "HOME")))
(require 'lsp-mode)

(lsp-register-client
 (make-lsp-client :new-connection (lsp-stdio-connection (list (getenv "PM_PYTHON") "-m" "provmark" "serve"))
                  :activation-fn (lsp-activate-on "python")
                  :server-id 'provmark))
(setq lsp-enabled-clients '(provmark))

(defun pm-diags (pattern)
  "The buffer's Provmark diagnostics whose message matches PATTERN, as (line . message)."
  (let (out)
    (dolist (d (lsp--get-buffer-diagnostics))
      (let ((msg (lsp:diagnostic-message d)))
        (when (string-match-p pattern msg)
          (push (cons (1+ (lsp:position-line (lsp:range-start (lsp:diagnostic-range d)))) msg) out))))
    out))

(condition-case err
    (let ((ws (getenv "PM_WS")))
      (lsp-workspace-folders-add ws)
      (find-file (expand-file-name "app.py" ws))
      (python-mode)
      (lsp)
      (pm-wait (lambda () (and (lsp-workspaces) (eq (lsp--workspace-status (car (lsp-workspaces))) 'initialized)))
               30 "the server")
      (goto-char (point-min))
      (forward-line 2)
      (insert-file-contents (getenv "PM_AI"))
      (pm-wait (lambda () (pm-diags "arrived at once")) 20 "the Warning")
      (let ((flag-line (car (car (pm-diags "arrived at once")))))
        (goto-char (point-min))
        (forward-line (+ flag-line 2))  ; inside the block, not on its first line
        (let* ((actions (lsp-code-actions-at-point))
               (tag (cl-find-if (lambda (a) (string-prefix-p "Tag as AI-generated" (lsp:code-action-title a)))
                                actions)))
          (unless tag (pm-out (format "FAIL no tag action inside the block: %S" actions)))
          (lsp-execute-code-action tag)
          (pm-wait (lambda () (file-exists-p (expand-file-name ".provmark/app.py.json" ws))) 20 "the sidecar")
          (pm-wait (lambda () (pm-diags "excluded from training")) 20 "the tag's Hint")
          (let ((line (car (car (pm-diags "excluded from training")))))
            (goto-char (point-min))
            (insert "# a line typed above\n")
            (pm-wait (lambda () (equal (car (car (pm-diags "excluded from training"))) (1+ line)))
                     20 "the Hint to move")
            (unless (= flag-line 3) (pm-out (format "FAIL the flag starts on line %d, not 3" flag-line)))
            (pm-out (format "OK flag at line %d, %d actions, hint moved to %d"
                            flag-line (length actions) (1+ line)))))))
  (error (pm-out (format "FAIL %S" err))))
