import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Task, TaskApiClient } from './api';

interface UseTasksResult {
  tasks: Task[];
  isLoading: boolean;
  error: Error | null;
  refresh: () => Promise<void>;
  moveTask: (id: string, status: Task['status']) => Promise<void>;
  tasksByStatus: Record<Task['status'], Task[]>;
}

/**
 * React hook that loads tasks from the API and exposes optimistic update helpers.
 *
 * @param client - The API client used to talk to the backend.
 * @param pollIntervalMs - Optional polling interval; polling is disabled when omitted.
 */
export function useTasks(client: TaskApiClient, pollIntervalMs?: number): UseTasksResult {
  const [tasks, setTasks] = useState<Task[]>([]);
  const [isLoading, setIsLoading] = useState<boolean>(true);
  const [error, setError] = useState<Error | null>(null);

  // Track whether the component is still mounted to avoid state updates after unmount
  const isMounted = useRef(true);
  useEffect(() => {
    isMounted.current = true;
    return () => {
      isMounted.current = false;
    };
  }, []);

  const refresh = useCallback(async () => {
    setIsLoading(true);
    try {
      const data = await client.listTasks();
      if (isMounted.current) {
        setTasks(data);
        setError(null);
      }
    } catch (err) {
      if (isMounted.current) {
        setError(err instanceof Error ? err : new Error(String(err)));
      }
    } finally {
      if (isMounted.current) {
        setIsLoading(false);
      }
    }
  }, [client]);

  useEffect(() => {
    void refresh();
    if (!pollIntervalMs) return undefined;
    const intervalId = setInterval(() => void refresh(), pollIntervalMs);
    return () => clearInterval(intervalId);
  }, [refresh, pollIntervalMs]);

  const moveTask = useCallback(
    async (id: string, status: Task['status']) => {
      const previous = tasks;
      // Optimistically update the UI, then roll back if the request fails
      setTasks((current) => current.map((task) => (task.id === id ? { ...task, status } : task)));
      try {
        await client.updateStatus(id, status);
      } catch (err) {
        setTasks(previous);
        setError(err instanceof Error ? err : new Error('Failed to update task'));
      }
    },
    [client, tasks],
  );

  const tasksByStatus = useMemo(() => {
    const grouped: Record<Task['status'], Task[]> = { todo: [], in_progress: [], done: [] };
    for (const task of tasks) {
      grouped[task.status].push(task);
    }
    return grouped;
  }, [tasks]);

  return { tasks, isLoading, error, refresh, moveTask, tasksByStatus };
}
