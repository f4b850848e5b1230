;;; emacs_common.el --- What emacs_eglot.el and emacs_lsp_mode.el share.
;; PM_WS: the workspace, PM_AI: an AI-written file outside it, PM_PYTHON: the
;; interpreter with provmark, PM_OUT: where the verdict goes ("OK ..." or "FAIL ...").

(let ((elpa "/usr/share/emacs/site-lisp/elpa/"))
  (dolist (dir (directory-files elpa t "^[a-z]"))
    (add-to-list 'load-path dir)))
(require 'python)

(defun pm-out (verdict)
  (with-temp-file (getenv "PM_OUT") (insert verdict))
  (kill-emacs 0))

(defun pm-wait (pred secs what)
  "Wait up to SECS for PRED, reading process output and firing due idle timers (Emacs
is never idle in batch mode, and both clients send changes from idle timers)."
  (let ((end (+ (float-time) secs)) (ok nil))
    (while (and (not (setq ok (funcall pred))) (< (float-time) end))
      (accept-process-output nil 0.05)
      (dolist (timer (copy-sequence timer-idle-list))
        (ignore-errors (timer-event-handler timer))))
    (or ok (pm-out (format "FAIL waiting for %s" what)))))
