// A third language in Chromium, with no code change: the portal adds French dictionaries for core's
// messages and the chrome, the procedure has `i18n.fr`, and `<tk-form locale="fr">` shows the form, its
// validation messages, its review page and its dates and numbers in French. A region tag resolves to its
// language (`fr-CA` → French, `en-GB` → English, `vi-VN` → Vietnamese).
import { describe, expect, it } from "vitest";
import { addMessages } from "@tokhai/core";
import { addChromeMessages, CHROME, defineElements, TkSubmitEvent, type TkForm } from "../src/index.js";
import { chromeFr, messagesFr } from "../../../test/fixtures/locales/fr.js";
import { formTexts, staleChrome } from "./support/chrome-texts.js";
import { mountForm, settle as settleRoot, text } from "./support/dom.js";

defineElements();
addMessages("fr", messagesFr);
addChromeMessages("fr", chromeFr);

const settle = (form: TkForm) => settleRoot(form, form.form);

const procedure = {
  id: "vn.test.third-locale",
  version: "1.0.0",
  title: "Tờ khai thử",
  schema: {
    type: "object",
    properties: {
      fullName: { type: "string", title: "Họ và tên", maxLength: 40 },
      birthDate: { type: "string", format: "date", title: "Ngày sinh", formatMaximum: "2026-12-07" },
      ownership: { type: "string", title: "Chỗ ở", oneOf: [{ const: "owner", title: "Chủ sở hữu" }, { const: "rent", title: "Thuê" }] },
      area: { type: "number", title: "Diện tích (m²)" },
      members: { type: "array", title: "Thành viên", items: { type: "object", properties: { name: { type: "string", title: "Tên" } } } },
    },
    required: ["fullName", "birthDate", "ownership"],
  },
  steps: [{ id: "main", title: "Thông tin", fields: ["/fullName", "/birthDate", "/ownership", "/area", "/members"] }],
  i18n: {
    en: {
      title: "Test form",
      steps: { main: { title: "Details" } },
      "/fullName": { title: "Full name" },
      "/birthDate": { title: "Date of birth" },
      "/ownership": { title: "Home", enum: { owner: "Owner", rent: "Rented" } },
      "/area": { title: "Area (m²)" },
      "/members": { title: "Members" },
      "/members/-/name": { title: "Name" },
    },
    fr: {
      title: "Formulaire d’essai",
      steps: { main: { title: "Renseignements" } },
      "/fullName": { title: "Nom complet" },
      "/birthDate": { title: "Date de naissance" },
      "/ownership": { title: "Logement", enum: { owner: "Propriétaire", rent: "Location" } },
      "/area": { title: "Surface (m²)" },
      "/members": { title: "Membres" },
      "/members/-/name": { title: "Nom" },
    },
  },
};

/** The texts still showing a Vietnamese or English chrome string that French words otherwise. */
function notFrench(form: TkForm): string[] {
  return staleChrome(form, [CHROME.vi, CHROME.en], chromeFr, 3);
}

const heading = (form: TkForm) => text(form.shadowRoot!.querySelector("h1"));
const primary = (form: TkForm) => form.shadowRoot!.querySelector<HTMLButtonElement>("[part~='primary']")!;
const summary = (form: TkForm) => [...form.shadowRoot!.querySelectorAll("[part='error-summary'] li")].map((li) => text(li));

describe("<tk-form> in a third locale", () => {
  it("shows the procedure, the chrome and the validation messages in French", async () => {
    const form = await mountForm(procedure, { locale: "fr" });
    expect(heading(form)).toBe("Formulaire d’essai");
    const all = formTexts(form).join("\n");
    for (const expected of ["Renseignements", "Nom complet", "(facultatif)", "Date de naissance", "Logement", "Propriétaire", "Location", "Membres", "Ajouter", "Vérifier vos réponses", "Aucun élément pour l’instant"]) {
      expect(all).toContain(expected);
    }
    expect(notFrench(form)).toEqual([]);

    primary(form).click(); // Continue with nothing answered
    await settle(form);
    expect(text(form.shadowRoot!.querySelector("[part='error-summary'] h2"))).toBe("Il y a un problème");
    const problems = summary(form);
    expect(problems).toHaveLength(3);
    ["Nom complet", "Date de naissance", "Logement"].forEach((label, i) => {
      expect(problems[i]).toContain(label);
      expect(problems[i]).toContain("Cette information est obligatoire");
    });
    expect(formTexts(form).join("\n")).toContain("Erreur :");

    const model = form.form!;
    model.set("/birthDate", "2027-01-01");
    await model.validate(["/birthDate"]);
    await settle(form);
    expect(model.field("/birthDate").errors.map((e) => e.message)).toEqual(["Ne peut pas être postérieure au 7 décembre 2026"]);
    expect(formTexts(form).join("\n")).toContain("Ne peut pas être postérieure au 7 décembre 2026");
    expect(notFrench(form)).toEqual([]);
  });

  it("writes dates and numbers the French way on the review page, and submits an envelope in French", async () => {
    const form = await mountForm(procedure, { locale: "fr" });
    const model = form.form!;
    model.set("/fullName", "Nguyễn Văn An");
    model.set("/birthDate", "1990-03-07");
    model.set("/ownership", "rent");
    model.set("/area", 1234.5);
    await settle(form);
    await form.goTo(Infinity);
    await settle(form);
    const review = formTexts(form).join("\n");
    for (const expected of ["Vérifiez vos réponses avant d’envoyer", "7 mars 1990", "Location", "1 234,5" /* a narrow no-break space, as texts() writes spaces */, "Modifier", "Retour", "Envoyer"]) {
      expect(review).toContain(expected);
    }
    expect(notFrench(form)).toEqual([]);
    const submitted = new Promise<TkSubmitEvent>((resolve) => form.addEventListener(TkSubmitEvent.type, (e) => resolve(e as TkSubmitEvent), { once: true }));
    primary(form).click();
    expect((await submitted).envelope.locale).toBe("fr");
  });

  it("resolves a region tag to its language, and switches in place", async () => {
    const form = await mountForm(procedure, { locale: "fr-CA" });
    expect(form.form!.locale).toBe("fr-CA");
    expect(heading(form)).toBe("Formulaire d’essai");
    expect(notFrench(form)).toEqual([]);
    form.locale = "en-GB";
    await settle(form);
    expect(heading(form)).toBe("Test form");
    expect(formTexts(form).join("\n")).toContain("Check your answers");
    expect(formTexts(form).join("\n")).toContain("(optional)");
    form.form!.set("/birthDate", "2027-01-01");
    await form.form!.validate(["/birthDate"]);
    expect(form.form!.field("/birthDate").errors[0]!.message).toBe("Must be on or before 7 December 2026");
    form.locale = "vi-VN";
    await settle(form);
    expect(heading(form)).toBe("Tờ khai thử");
    expect(formTexts(form).join("\n")).toContain("Kiểm tra thông tin");
    expect(form.form!.field("/birthDate").errors[0]!.message).toBe("Không được sau ngày 07/12/2026");
  });
});
