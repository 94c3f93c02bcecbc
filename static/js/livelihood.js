// Livelihood projects. Kept out of templates so the Content-Security-Policy can forbid inline scripts.
document.addEventListener("DOMContentLoaded", () => {
  // The screening form's "merge into a candidate" and "reason" fields only matter for some choices.
  const decisions = document.querySelectorAll("input[name=decision]");
  const project = document.getElementById("id_project");
  if (!decisions.length || !project) return;
  const sync = () => {
    const chosen = document.querySelector("input[name=decision]:checked");
    project.disabled = !chosen || chosen.value !== "candidate";
  };
  decisions.forEach((input) => input.addEventListener("change", sync));
  sync();
});
