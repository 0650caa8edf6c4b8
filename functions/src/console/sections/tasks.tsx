import { TaskBody, type AdminTask } from "@renxing/shared";
import { Hono } from "hono";
import { getDb } from "../../db/client";
import { validate } from "../../http/input";
import { createTask, getTask, listTasksForAdmin, taskRoster } from "../../services/tasks";
import { listTeams } from "../../services/teams";
import { beijingDateTime, formFields } from "../forms";
import { page } from "../page";
import { TaskDetailPage, TasksPage } from "../pages/tasks";
import type { ConsoleEnv } from "../session";

/** 服务任务: publishing volunteer tasks, and each task's check-in code and roster. */
export const tasksSection = new Hono<ConsoleEnv>()
  .get("/tasks", (c) =>
    page(c, "/console/tasks", "服务任务", async () => {
      const db = getDb(c.env.DB);
      const [list, teams] = await Promise.all([listTasksForAdmin(db, c.get("staff")), listTeams(db)]);
      return <TasksPage tasks={list} teams={teams} csrf={c.get("csrf")} notice={c.req.query("done") === "created" ? "任务已发布，志愿者现在可以报名了。" : undefined} />;
    }),
  )
  .post("/tasks", async (c) => {
    const text = await formFields(c);
    const body = validate(TaskBody, {
      title: text("title"),
      description: text("description"),
      location: text("location"),
      startsAt: beijingDateTime(text("startsAt")),
      endsAt: beijingDateTime(text("endsAt")),
      capacity: Number(text("capacity")),
      teamId: text("teamId") || null,
    });
    const task = await createTask(getDb(c.env.DB), c.get("staff"), body);
    return c.redirect(`/console/tasks/${task.id}`, 303);
  })
  .get("/tasks/:id", (c) =>
    page(c, "/console/tasks", "任务签到与名单", async () => {
      const db = getDb(c.env.DB);
      const [task, roster] = await Promise.all([getTask(db, c.get("staff"), c.req.param("id")), taskRoster(db, c.get("staff"), c.req.param("id"))]);
      return <TaskDetailPage task={task as AdminTask} roster={roster} />;
    }),
  );
