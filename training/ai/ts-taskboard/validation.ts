import { z } from 'zod';

// Schema for the "create task" form. Keeping validation in one place means the
// client and the server can share exactly the same rules.
export const createTaskSchema = z
  .object({
    title: z
      .string()
      .trim()
      .min(3, { message: 'Title must be at least 3 characters long' })
      .max(120, { message: 'Title must be at most 120 characters long' }),
    description: z.string().max(2000).optional(),
    assigneeEmail: z.string().email({ message: 'Please enter a valid email address' }).optional(),
    dueDate: z
      .string()
      .optional()
      .refine((value) => !value || !Number.isNaN(Date.parse(value)), {
        message: 'Due date must be a valid date',
      }),
    priority: z.enum(['low', 'medium', 'high']).default('medium'),
  })
  .refine((data) => !data.dueDate || new Date(data.dueDate) > new Date(), {
    message: 'Due date must be in the future',
    path: ['dueDate'],
  });

export type CreateTaskForm = z.infer<typeof createTaskSchema>;

export interface ValidationResult<T> {
  success: boolean;
  data?: T;
  errors: Record<string, string>;
}

/**
 * Validate raw form values and flatten Zod's issues into a field → message map.
 */
export function validateCreateTask(values: unknown): ValidationResult<CreateTaskForm> {
  const result = createTaskSchema.safeParse(values);
  if (result.success) {
    return { success: true, data: result.data, errors: {} };
  }

  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.join('.') || 'form';
    // Only keep the first error per field so the UI shows one message at a time
    if (!(field in errors)) {
      errors[field] = issue.message;
    }
  }
  return { success: false, errors };
}
