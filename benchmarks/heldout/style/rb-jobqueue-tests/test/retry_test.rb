# frozen_string_literal: true

require_relative "test_helper"

class JobQueueRetryTest < QueueTestCase
  def setup
    super
    @calls = 0
  end

  def build_queue(**opts)
    JobQueue.new(clock: @clock.to_proc, **opts)
  end

  def flaky(queue, fail_times:)
    queue.register(:flaky) do
      @calls += 1
      raise IOError, "boom #{@calls}" if @calls <= fail_times
    end
  end

  def test_failed_job_is_rescheduled_with_backoff
    queue = build_queue(backoff: ->(n) { n * 10 })
    flaky(queue, fail_times: 1)
    queue.enqueue(:flaky)

    job = queue.work_one

    assert_equal 1, job.attempts
    assert_equal "IOError: boom 1", job.last_error
    assert_in_delta @clock.now + 10, job.run_at
    assert_pending queue, 1
    assert_empty queue.completed
  end

  def test_job_succeeds_after_backoff_elapses
    queue = build_queue(backoff: ->(_) { 5 })
    flaky(queue, fail_times: 1)
    queue.enqueue(:flaky)

    queue.drain
    assert_pending queue, 1, "job should be waiting for retry"

    @clock.advance(5)
    queue.drain

    assert_pending queue, 0
    assert_equal 1, queue.completed.size
    assert_equal 2, queue.completed.first.attempts
  end

  def test_default_backoff_is_exponential
    queue = build_queue(max_attempts: 5)
    flaky(queue, fail_times: 10)
    queue.enqueue(:flaky)

    delays = []
    4.times do
      before = @clock.now
      job = queue.work_one
      delays << job.run_at - before
      @clock.advance(job.run_at - before)
    end

    assert_equal [2, 4, 8, 16], delays
  end

  def test_job_moves_to_dead_after_max_attempts
    queue = build_queue(max_attempts: 2, backoff: ->(_) { 0 })
    flaky(queue, fail_times: 99)
    id = queue.enqueue(:flaky)

    queue.drain

    assert_pending queue, 0
    dead = assert_dead(queue, id, attempts: 2)
    assert_equal "IOError: boom 2", dead.last_error
  end

  def test_max_attempts_of_one_means_no_retry
    queue = build_queue(max_attempts: 1)
    flaky(queue, fail_times: 1)
    id = queue.enqueue(:flaky)

    queue.work_one

    assert_dead queue, id, attempts: 1
    assert_equal 1, @calls
  end

  def test_retry_dead_requeues_with_fresh_attempts
    queue = build_queue(max_attempts: 1)
    flaky(queue, fail_times: 1)
    id = queue.enqueue(:flaky)
    queue.work_one

    assert queue.retry_dead(id)
    assert_empty queue.dead
    assert_pending queue, 1

    job = queue.work_one
    assert_equal 1, job.attempts
    assert_completed queue, id
  end

  def test_retry_dead_with_unknown_id_returns_false
    queue = build_queue
    refute queue.retry_dead(123)
  end

  def test_non_standard_errors_propagate
    queue = build_queue
    queue.register(:bad) { raise NoMemoryError, "nope" }
    queue.enqueue(:bad)

    assert_raises(NoMemoryError) { queue.work_one }
  end

  def test_failing_job_does_not_stop_others
    queue = build_queue(backoff: ->(_) { 60 })
    ran = []
    queue.register(:ok) { |x| ran << x }
    flaky(queue, fail_times: 5)
    queue.enqueue(:flaky, priority: 1)
    queue.enqueue(:ok, :a)
    queue.enqueue(:ok, :b)

    assert_equal 3, queue.drain
    assert_equal %i[a b], ran
    assert_pending queue, 1
  end
end
